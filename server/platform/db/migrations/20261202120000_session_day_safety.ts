import { type Kysely, sql } from 'kysely';

/**
 * Session-day safety settings (CLINICAL-REFERENCE.md › Session safety) as protocol defaults that
 * each plan copies: the rested retake after a high reading, the dose window around the scheduled
 * time, how late the post-dose recheck may be, and the observation time before the check-in
 * opens. Sessions record a hold lifted by a nurse or clinician, and when a late recheck was
 * escalated (so the escalation happens once). A titration suggestion overtaken by a later
 * session's is `superseded`: it can no longer be approved.
 */
const settings = [
  ['retake_after_minutes', 5],
  ['dose_window_before_minutes', 60],
  ['dose_window_after_minutes', 240],
  ['recheck_grace_minutes', 20],
  ['observation_minutes', 120],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['protocols', 'treatment_plans']) {
    for (const [column, value] of settings) {
      await sql
        .raw(
          `alter table ${table} add column ${column} integer not null default ${value} check (${column} >= 0)`,
        )
        .execute(db);
    }
  }
  await sql`alter table dosing_sessions
    add column hold_lifted_at timestamptz,
    add column hold_lifted_by uuid references users(id),
    add column hold_lift_reason text,
    add column recheck_late_alerted_at timestamptz`.execute(db);
  await sql`alter table titration_suggestions
    drop constraint titration_suggestions_status_check,
    add constraint titration_suggestions_status_check
      check (status in ('pending', 'approved', 'changed', 'superseded'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update titration_suggestions set status = 'pending' where status = 'superseded'`.execute(db);
  await sql`alter table titration_suggestions
    drop constraint titration_suggestions_status_check,
    add constraint titration_suggestions_status_check check (status in ('pending', 'approved', 'changed'))`.execute(
    db,
  );
  await sql`alter table dosing_sessions
    drop column recheck_late_alerted_at,
    drop column hold_lift_reason,
    drop column hold_lifted_by,
    drop column hold_lifted_at`.execute(db);
  for (const table of ['treatment_plans', 'protocols']) {
    for (const [column] of settings) {
      await sql.raw(`alter table ${table} drop column ${column}`).execute(db);
    }
  }
}
