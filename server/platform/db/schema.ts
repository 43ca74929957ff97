import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

/** A timestamptz column: the database fills it on insert, reads back as a Date. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The clinic this deployment serves (one row). */
export interface ClinicTable {
  id: Generated<boolean>;
  name: string;
  phone: string;
  after_hours_phone: string | null;
  email: string;
  time_zone: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type Role = 'patient' | 'support' | 'clinician' | 'nurse' | 'coach' | 'admin';
export type StaffRole = Exclude<Role, 'patient' | 'support'>;
/** Nullable timestamptz that callers may set. */
export type OptionalTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
export type JsonObject = ColumnType<
  Record<string, unknown>,
  Record<string, unknown> | string | undefined,
  Record<string, unknown> | string
>;

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined, 'active' | 'disabled'>;
  password_hash: string;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: OptionalTimestamp;
  totp_last_step: number | null;
  mfa_failures: ColumnType<number, number | undefined, number>;
  mfa_window_started_at: OptionalTimestamp;
  disabled_at: OptionalTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: OptionalTimestamp;
  created_at: CreatedAt;
}

export interface StaffProfilesTable {
  user_id: string;
  credentials: ColumnType<string, string | undefined, string>;
  title: ColumnType<string, string | undefined, string>;
  dea_number: string | null;
  /** YYYY-MM-DD */
  dea_expires_on: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StaffLicencesTable {
  id: string;
  user_id: string;
  state: string;
  number: string;
  /** YYYY-MM-DD */
  expires_on: string;
  created_at: CreatedAt;
}

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

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  reauthenticated_at: OptionalTimestamp;
  ended_at: OptionalTimestamp;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AccessTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_used_at: OptionalTimestamp;
  revoked_at: OptionalTimestamp;
  /** `read`: GET and HEAD only. */
  scope: ColumnType<AccessTokenScope, AccessTokenScope | undefined, AccessTokenScope>;
}

export type AccessTokenScope = 'full' | 'read';

/** `email_change`: the confirm link sent to the new address (the row's `email`); `email_change_cancel`: the cancel link sent to the old one. */
export type OneTimeTokenPurpose = 'password_reset' | 'staff_invite' | 'email_change' | 'email_change_cancel';

export interface OneTimeTokensTable {
  id: string;
  purpose: OneTimeTokenPurpose;
  token_hash: string;
  user_id: string | null;
  email: string;
  payload: JsonObject;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: OptionalTimestamp;
}

export interface AuthFailuresTable {
  id: Generated<number>;
  email_key: string;
  ip: string;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
}

export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';
export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEventsTable {
  seq: number;
  id: string;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_role: string | null;
  patient_id: string | null;
  action: AuditAction;
  subtype: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: JsonObject;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  /** Deleted (null) once the email is sent: it may carry a secret link. */
  body_text: string | null;
  created_at: CreatedAt;
  sent_at: OptionalTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
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

export interface ScreeningSettingsTable {
  id: Generated<boolean>;
  version: number;
  thresholds: JsonObject;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
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

export type IntakeStatus = 'draft' | 'submitted' | 'needs_info' | 'approved' | 'declined';

export interface IntakesTable {
  id: string;
  patient_id: string;
  status: ColumnType<IntakeStatus, IntakeStatus | undefined, IntakeStatus>;
  answers: JsonObject;
  version: ColumnType<number, number | undefined, number>;
  screening: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  clinician_question: string | null;
  submitted_at: OptionalTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CandidacyDecisionsTable {
  id: string;
  patient_id: string;
  intake_id: string;
  clinician_user_id: string;
  decision: 'approved' | 'declined' | 'more_info';
  message_to_patient: string | null;
  clinical_note: string | null;
  overridden_rule_ids: ColumnType<string[], string | undefined, string>;
  override_justification: string | null;
  licence_state: string;
  licence_number: string;
  created_at: CreatedAt;
}

export interface ConsentDocumentsTable {
  id: string;
  version: number;
  title: string;
  body: string;
  material: boolean;
  content_hash: string;
  published_at: CreatedAt;
  published_by: string | null;
}

export interface ConsentsTable {
  id: string;
  patient_id: string;
  document_id: string;
  document_version: number;
  document_hash: string;
  signed_name: string;
  signed_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export type Route = 'oral' | 'sublingual' | 'intranasal' | 'intramuscular' | 'intravenous';
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

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

/** When PHQ-9 and GAD-7 are due under a protocol or plan. */
export type AssessmentSchedule = {
  beforeEachSession: boolean;
  afterSessions: number[];
  weekly: boolean;
  endOfCourse: boolean;
  followUpMonths: number[];
};

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

export type ClosureStatus = 'pending' | 'closed' | 'declined';

/** The clinic's record-retention rule (one row). */
export interface RecordRetentionSettingsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  retention_years: number;
  basis: string;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** A patient's request to close their account, and the admin's decision. */
export interface ClosureRequestsTable {
  id: string;
  patient_id: string;
  requested_by: string;
  reason: string;
  status: ColumnType<ClosureStatus, ClosureStatus | undefined, ClosureStatus>;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: OptionalTimestamp;
  decision_note: string | null;
  retention_years: number | null;
  /** YYYY-MM-DD */
  retain_until: string | null;
  message_to_patient: string | null;
}

/** The one typed database interface every repository is written against. */
export interface Database {
  clinic: ClinicTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  staff_profiles: StaffProfilesTable;
  staff_licences: StaffLicencesTable;
  patients: PatientsTable;
  care_team: CareTeamTable;
  support_links: SupportLinksTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  one_time_tokens: OneTimeTokensTable;
  auth_failures: AuthFailuresTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  break_glass_grants: BreakGlassGrantsTable;
  intake_team_members: IntakeTeamMembersTable;
  care_team_take_ons: CareTeamTakeOnsTable;
  screening_settings: ScreeningSettingsTable;
  alerts: AlertsTable;
  intakes: IntakesTable;
  candidacy_decisions: CandidacyDecisionsTable;
  consent_documents: ConsentDocumentsTable;
  consents: ConsentsTable;
  protocols: ProtocolsTable;
  treatment_plans: TreatmentPlansTable;
  treatment_plan_versions: TreatmentPlanVersionsTable;
  prescriptions: PrescriptionsTable;
  medication_count_entries: MedicationCountEntriesTable;
  dosing_sessions: DosingSessionsTable;
  session_events: SessionEventsTable;
  support_watch_tokens: SupportWatchTokensTable;
  vitals: VitalsTable;
  session_check_ins: SessionCheckInsTable;
  adverse_events: AdverseEventsTable;
  titration_suggestions: TitrationSuggestionsTable;
  assessments: AssessmentsTable;
  assessment_reminders: AssessmentRemindersTable;
  record_retention_settings: RecordRetentionSettingsTable;
  closure_requests: ClosureRequestsTable;
}

/** What a repository function runs its queries on: the database, or a transaction the caller opened on it. */
export type Db = Kysely<Database> | Transaction<Database>;

export type User = Selectable<UsersTable>;
export type Patient = Selectable<PatientsTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Intake = Selectable<IntakesTable>;

export type Clinic = Selectable<ClinicTable>;
export type NewClinic = Insertable<ClinicTable>;
export type ClinicUpdate = Updateable<ClinicTable>;
