// The one typed database interface, assembled from the table types of each area (tables-*.ts).
// Everything imports the tables from here, so a repository's import does not change when a table moves.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { ClosureRequestsTable, RecordRetentionSettingsTable } from './tables-data-rights.js';
import type {
  AccessTokensTable,
  AuthFailuresTable,
  ClinicTable,
  OneTimeTokensTable,
  RecoveryCodesTable,
  SessionsTable,
  StaffLicencesTable,
  StaffProfilesTable,
  UsersTable,
} from './tables-identity.js';
import type {
  CandidacyDecisionsTable,
  ConsentDocumentsTable,
  ConsentsTable,
  IntakesTable,
  ScreeningSettingsTable,
} from './tables-intake.js';
import type {
  AlertsTable,
  BreakGlassGrantsTable,
  CareTeamTable,
  CareTeamTakeOnsTable,
  IntakeTeamMembersTable,
  PatientsTable,
  SupportLinksTable,
} from './tables-patients.js';
import type { AuditEventsTable, OutboxTable } from './tables-platform.js';
import type {
  AdverseEventsTable,
  AssessmentRemindersTable,
  AssessmentsTable,
  DosingSessionsTable,
  SessionCheckInsTable,
  SessionEventsTable,
  SupportWatchTokensTable,
  TitrationSuggestionsTable,
  VitalsTable,
} from './tables-sessions.js';
import type {
  MedicationCountEntriesTable,
  PrescriptionsTable,
  ProtocolsTable,
  TreatmentPlansTable,
  TreatmentPlanVersionsTable,
} from './tables-treatment.js';

export type * from './columns.js';
export type * from './tables-data-rights.js';
export type * from './tables-identity.js';
export type * from './tables-intake.js';
export type * from './tables-patients.js';
export type * from './tables-platform.js';
export type * from './tables-sessions.js';
export type * from './tables-treatment.js';

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
