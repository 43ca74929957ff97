import { type Kysely, sql } from 'kysely';

/**
 * A support person who confirmed with the patient's one-time code has no account, yet must see a
 * help press on their open page within seconds. The confirmation hands their page a short-lived
 * token, stored here only as a hash, that reads one thing: whether help was pressed in that
 * session, and when. `help_seen_at` keeps the audit to one entry per help press seen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table support_watch_tokens (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    session_id uuid not null references dosing_sessions(id),
    token_hash text not null unique,
    name text not null,
    expires_at timestamptz not null,
    help_seen_at timestamptz,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index support_watch_tokens_session_idx on support_watch_tokens (session_id)`.execute(db);
  await sql`create index support_watch_tokens_patient_idx on support_watch_tokens (patient_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table support_watch_tokens`.execute(db);
}
