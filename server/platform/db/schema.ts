import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  expires_at: OptionalTimestamp;
  last_used_at: OptionalTimestamp;
  revoked_at: OptionalTimestamp;
}

export type OneTimeTokenPurpose = 'password_reset' | 'staff_invite';

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
  body_text: string;
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
  screening_settings: ScreeningSettingsTable;
  alerts: AlertsTable;
  intakes: IntakesTable;
  candidacy_decisions: CandidacyDecisionsTable;
  consent_documents: ConsentDocumentsTable;
  consents: ConsentsTable;
}

export type User = Selectable<UsersTable>;
export type Patient = Selectable<PatientsTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Intake = Selectable<IntakesTable>;

export type Clinic = Selectable<ClinicTable>;
export type NewClinic = Insertable<ClinicTable>;
export type ClinicUpdate = Updateable<ClinicTable>;
