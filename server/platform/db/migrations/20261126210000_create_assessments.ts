import { type Kysely, sql } from 'kysely';

/**
 * Measurement: PHQ-9 / GAD-7 responses with their computed totals, the schedule each
 * protocol and plan sets, and the patient list's sort keys kept on the patient row (latest
 * scores, highest open alert) so a 10,000-patient caseload sorts and pages from an index.
 */
const defaultSchedule = `'{"beforeEachSession":true,"afterSessions":[],"weekly":false,"endOfCourse":true,"followUpMonths":[1,3,6]}'::jsonb`;

const statements = [
  `create table assessments (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    instrument text not null check (instrument in ('phq9', 'gad7')),
    answers jsonb not null,
    difficulty text,
    total integer not null,
    band text not null,
    item9_positive boolean not null default false,
    context text not null,
    session_id uuid references dosing_sessions(id),
    source text not null check (source in ('app', 'intake', 'fhir', 'import')),
    taken_at timestamptz not null,
    recorded_by uuid references users(id),
    idempotency_key text,
    created_at timestamptz not null default now()
  )`,
  `create index assessments_patient_idx on assessments (patient_id, instrument, taken_at)`,
  `create index assessments_taken_idx on assessments (instrument, taken_at)`,
  `create unique index assessments_idempotency on assessments (patient_id, idempotency_key)
    where idempotency_key is not null`,
  `create table assessment_reminders (
    patient_id uuid not null references patients(id),
    due_key text not null,
    sent_at timestamptz not null,
    primary key (patient_id, due_key)
  )`,
  `alter table protocols add column assessment_schedule jsonb not null default ${defaultSchedule}`,
  `alter table treatment_plans add column assessment_schedule jsonb not null default ${defaultSchedule}`,
  `alter table treatment_plans add column completed_at timestamptz`,
  `alter table patients add column latest_phq9 integer`,
  `alter table patients add column latest_phq9_at timestamptz`,
  `alter table patients add column latest_gad7 integer`,
  `alter table patients add column latest_gad7_at timestamptz`,
  // 0 none, 1 normal, 2 high, 3 urgent: the most severe alert still active.
  `alter table patients add column alert_rank integer not null default 0`,
  `create index patients_latest_phq9_idx on patients (latest_phq9 desc nulls last, id)`,
  `create index patients_alert_rank_idx on patients (alert_rank desc, latest_phq9 desc nulls last, id)`,
  `create index patients_name_idx on patients (lower(family_name) text_pattern_ops, lower(given_name), id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop index patients_name_idx',
    'drop index patients_alert_rank_idx',
    'drop index patients_latest_phq9_idx',
    'alter table patients drop column alert_rank',
    'alter table patients drop column latest_gad7_at',
    'alter table patients drop column latest_gad7',
    'alter table patients drop column latest_phq9_at',
    'alter table patients drop column latest_phq9',
    'alter table treatment_plans drop column completed_at',
    'alter table treatment_plans drop column assessment_schedule',
    'alter table protocols drop column assessment_schedule',
    'drop table assessment_reminders',
    'drop table assessments',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
