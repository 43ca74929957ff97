import type { ColumnType } from 'kysely';
import type {
  CreatedAt,
  Json,
  JsonObject,
  NullableJson,
  OptionalTimestamp,
  Timestamp,
  UpdatedAt,
} from './columns.js';

/** Dosing sessions and what they record: events, vitals, check-ins, adverse events, titration, assessments. */

export type DosingSessionStatus =
  | 'scheduled'
  | 'preparing'
  | 'held'
  | 'cleared'
  | 'dosed'
  | 'completed'
  | 'missed'
  | 'cancelled';

export interface DosingSessionsTable {
  id: string;
  patient_id: string;
  plan_id: string;
  number: number;
  scheduled_for: Timestamp;
  status: ColumnType<DosingSessionStatus, DosingSessionStatus | undefined, DosingSessionStatus>;
  first_session: ColumnType<boolean, boolean | undefined, boolean>;
  checklist: NullableJson<Record<string, boolean>>;
  intention: string | null;
  support_confirmed_by: string | null;
  support_confirmed_at: OptionalTimestamp;
  support_code_hash: string | null;
  support_code_expires_at: OptionalTimestamp;
  live_monitor_id: string | null;
  live_monitor_joined_at: OptionalTimestamp;
  readiness: NullableJson<Record<string, unknown>>;
  dose_mg: number | null;
  dosed_at: OptionalTimestamp;
  recheck_due_at: OptionalTimestamp;
  check_in_due_at: OptionalTimestamp;
  completed_at: OptionalTimestamp;
  reminder_sent_at: OptionalTimestamp;
  hold_lifted_at: OptionalTimestamp;
  hold_lifted_by: string | null;
  hold_lift_reason: string | null;
  recheck_late_alerted_at: OptionalTimestamp;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionEventsTable {
  id: string;
  patient_id: string;
  session_id: string;
  kind: string;
  details: JsonObject;
  actor_id: string | null;
  idempotency_key: string | null;
  occurred_at: Timestamp;
  recorded_at: CreatedAt;
}

/** What a support person's page, confirmed by code and without an account, may poll: help pressed. */
export interface SupportWatchTokensTable {
  id: string;
  patient_id: string;
  session_id: string;
  token_hash: string;
  name: string;
  expires_at: Timestamp;
  help_seen_at: OptionalTimestamp;
  created_at: CreatedAt;
}

export type VitalsContext = 'pre_dose' | 'recheck' | 'other';

export interface VitalsTable {
  id: string;
  patient_id: string;
  session_id: string | null;
  context: VitalsContext;
  systolic: number | null;
  diastolic: number | null;
  heart_rate: number | null;
  weight_kg: number | null;
  taken_at: Timestamp;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface SessionCheckInsTable {
  session_id: string;
  patient_id: string;
  side_effects: Json<Record<string, string>>;
  effect: 'none' | 'mild' | 'moderate' | 'strong';
  experience: number;
  mood: number;
  note: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface AdverseEventsTable {
  id: string;
  patient_id: string;
  session_id: string | null;
  grade: number;
  description: string;
  occurred_at: Timestamp;
  reported_by: string;
  reviewed_by: string | null;
  reviewed_at: OptionalTimestamp;
  review_note: string | null;
  created_at: CreatedAt;
}

export type TitrationAction = 'increase' | 'keep' | 'decrease' | 'pause';

/** `superseded`: a later session's suggestion took its place; it can no longer be approved. */
export type TitrationStatus = 'pending' | 'approved' | 'changed' | 'superseded';

export interface TitrationSuggestionsTable {
  id: string;
  patient_id: string;
  plan_id: string;
  session_id: string;
  action: TitrationAction;
  current_dose_mg: number;
  suggested_dose_mg: number;
  reasons: Json<string[]>;
  status: ColumnType<TitrationStatus, TitrationStatus | undefined, TitrationStatus>;
  decided_dose_mg: number | null;
  decided_by: string | null;
  decided_at: OptionalTimestamp;
  note: string | null;
  created_at: CreatedAt;
}

export type AssessmentContext =
  | 'baseline'
  | 'before_session'
  | 'after_session'
  | 'weekly'
  | 'end_of_course'
  | 'follow_up'
  | 'ad_hoc';

export interface AssessmentsTable {
  id: string;
  patient_id: string;
  instrument: 'phq9' | 'gad7';
  answers: Json<number[]>;
  difficulty: string | null;
  total: number;
  band: string;
  item9_positive: ColumnType<boolean, boolean | undefined, boolean>;
  context: AssessmentContext;
  session_id: string | null;
  source: 'app' | 'intake' | 'fhir' | 'import';
  taken_at: Timestamp;
  recorded_by: string | null;
  idempotency_key: string | null;
  created_at: CreatedAt;
}

export interface AssessmentRemindersTable {
  patient_id: string;
  due_key: string;
  sent_at: Timestamp;
}
