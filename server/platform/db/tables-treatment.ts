import type { ColumnType } from 'kysely';
import type { AssessmentSchedule } from '../../../clinical/assessment-schedule.ts';
import type { CreatedAt, Json, OptionalTimestamp, Timestamp, UpdatedAt } from './columns.js';

/** Protocols, plans, prescriptions and the medication count. */

export type Route = 'oral' | 'sublingual' | 'intranasal' | 'intramuscular' | 'intravenous';

/** The safety defaults a protocol and a plan share. */
interface SafetySettingsColumns {
  route: Route;
  starting_dose_mg: number;
  step_mg: number;
  min_dose_mg: number;
  max_dose_mg: number;
  min_hours_between_sessions: number;
  sessions_planned: number;
  bp_systolic_limit: number;
  bp_diastolic_limit: number;
  heart_rate_min: number;
  heart_rate_max: number;
  fasting_hours: number;
  check_in_interval_minutes: number;
  missed_check_in_minutes: number;
  bp_recheck_minutes: number;
  /** The one rested retake after a reading above the limit opens this long after it. */
  retake_after_minutes: number;
  /** A dose may be recorded from this long before the scheduled time … */
  dose_window_before_minutes: number;
  /** … until this long after it. */
  dose_window_after_minutes: number;
  /** The post-dose recheck may be this late before the nurse is alerted. */
  recheck_grace_minutes: number;
  /** The post-session check-in opens this long after the dose. */
  observation_minutes: number;
}

/** When PHQ-9 and GAD-7 are due under a protocol or plan (the clinical core's shape). */
export type { AssessmentSchedule };

export interface ProtocolsTable extends SafetySettingsColumns {
  assessment_schedule: ColumnType<AssessmentSchedule, string | undefined, string>;
  id: string;
  key: string;
  version: number;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  change_note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export type PlanStatus = 'draft' | 'active' | 'paused' | 'completed';

export interface TreatmentPlansTable extends SafetySettingsColumns {
  assessment_schedule: ColumnType<AssessmentSchedule, string | undefined, string>;
  completed_at: OptionalTimestamp;
  id: string;
  patient_id: string;
  protocol_id: string;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  version: ColumnType<number, number | undefined, number>;
  dose_mg: number;
  bp_limit_reason: string | null;
  starts_on: string | null;
  ends_on: string | null;
  status_reason: string | null;
  notes: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TreatmentPlanVersionsTable {
  plan_id: string;
  version: number;
  patient_id: string;
  snapshot: Json<Record<string, unknown>>;
  change_note: string | null;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface PrescriptionsTable {
  id: string;
  patient_id: string;
  plan_id: string;
  drug: string;
  form: string;
  strength_mg: number;
  quantity: number;
  directions: string;
  refills: ColumnType<number, number | undefined, number>;
  prescriber_id: string;
  prescriber_name: string;
  dea_number: string;
  licence_state: string;
  licence_number: string;
  pharmacy_name: string;
  pharmacy_address: string;
  pharmacy_phone: string | null;
  written_on: string;
  basis: string;
  status: ColumnType<'active' | 'cancelled', 'active' | 'cancelled' | undefined, 'active' | 'cancelled'>;
  received_at: OptionalTimestamp;
  received_quantity: number | null;
  created_at: CreatedAt;
}

export type MedicationCountKind = 'received' | 'dose' | 'reported' | 'correction';

export interface MedicationCountEntriesTable {
  id: string;
  patient_id: string;
  prescription_id: string;
  kind: MedicationCountKind;
  change: number;
  expected_after: number;
  reported_count: number | null;
  session_id: string | null;
  note: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
}
