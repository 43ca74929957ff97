import type { ColumnType } from 'kysely';
import type { CreatedAt, JsonObject, OptionalTimestamp, Timestamp } from './columns.js';

/** Patients, who cares for them, and their alerts. */

export interface PatientsTable {
  id: string;
  user_id: string | null;
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD */
  date_of_birth: string | null;
  state_of_residence: string | null;
  time_zone: ColumnType<string, string | undefined, string>;
  journey_stage: ColumnType<string, string | undefined, string>;
  latest_phq9: ColumnType<number | null, number | null | undefined, number | null>;
  latest_phq9_at: OptionalTimestamp;
  latest_gad7: ColumnType<number | null, number | null | undefined, number | null>;
  latest_gad7_at: OptionalTimestamp;
  /** The most severe active alert: 0 none, 1 normal, 2 high, 3 urgent. */
  alert_rank: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type CareTeamRole = 'prescriber' | 'nurse' | 'coach';

export interface CareTeamTable {
  id: string;
  patient_id: string;
  staff_user_id: string;
  role: CareTeamRole;
  created_at: CreatedAt;
}

export interface SupportLinksTable {
  id: string;
  patient_id: string;
  support_user_id: string;
  relationship: ColumnType<string, string | undefined, string>;
  status: 'invited' | 'active' | 'revoked';
  created_at: CreatedAt;
}

export interface BreakGlassGrantsTable {
  id: string;
  user_id: string;
  patient_id: string;
  reason: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: OptionalTimestamp;
  review_note: string | null;
}

/** The clinic's intake team: who receives alerts and reviews of patients nobody cares for yet. */
export interface IntakeTeamMembersTable {
  staff_user_id: string;
  added_by: string | null;
  added_at: CreatedAt;
}

export type TakeOnVia = 'candidacy_review' | 'alert';

/** An intake-team member taking a patient on (joining their care team), for an admin's review. */
export interface CareTeamTakeOnsTable {
  id: string;
  user_id: string;
  patient_id: string;
  via: TakeOnVia;
  entity_id: string;
  care_role: CareTeamRole;
  created_at: CreatedAt;
  reviewed_by: string | null;
  reviewed_at: OptionalTimestamp;
  review_note: string | null;
}

export type AlertSeverity = 'urgent' | 'high' | 'normal';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface AlertsTable {
  id: string;
  patient_id: string;
  kind: string;
  severity: AlertSeverity;
  reason: string;
  status: ColumnType<AlertStatus, AlertStatus | undefined, AlertStatus>;
  source_type: string;
  source_id: string;
  details: JsonObject;
  created_at: CreatedAt;
  acknowledged_by: string | null;
  acknowledged_at: OptionalTimestamp;
  acknowledgement_note: string | null;
  resolved_by: string | null;
  resolved_at: OptionalTimestamp;
  resolution_note: string | null;
  /** When a response is due under the clinic's SLA for this severity. */
  due_at: Date;
}
