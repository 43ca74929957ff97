import { type Kysely, sql } from 'kysely';

/**
 * The patient's right to their data: account-closure requests an administrator decides, and
 * the clinic's record-retention period (one row; the default lives in code until an admin
 * sets it).
 */
const statements = [
  `create table record_retention_settings (
    id boolean primary key default true check (id),
    retention_years integer not null check (retention_years between 1 and 100),
    basis text not null,
    version integer not null default 1,
    updated_at timestamptz not null,
    updated_by uuid references users(id)
  )`,
  `create table closure_requests (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    requested_by uuid not null references users(id),
    reason text not null,
    status text not null default 'pending' check (status in ('pending', 'closed', 'declined')),
    requested_at timestamptz not null,
    decided_by uuid references users(id),
    decided_at timestamptz,
    decision_note text,
    retention_years integer,
    retain_until date,
    message_to_patient text
  )`,
  `create unique index closure_requests_one_pending on closure_requests (patient_id) where status = 'pending'`,
  `create index closure_requests_status_idx on closure_requests (status, requested_at, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop index closure_requests_status_idx',
    'drop index closure_requests_one_pending',
    'drop table closure_requests',
    'drop table record_retention_settings',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
