import { type Kysely, sql } from 'kysely';

/**
 * An email change waits for a link sent to the new address (`email_change`, whose `email` is the
 * new address) and can be called off from a link sent to the old one (`email_change_cancel`).
 * Both are one-time tokens like password-reset links: hashed, expiring, used once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table one_time_tokens drop constraint one_time_tokens_purpose_check`.execute(db);
  await sql`alter table one_time_tokens add constraint one_time_tokens_purpose_check
    check (purpose in ('password_reset', 'staff_invite', 'email_change', 'email_change_cancel'))`.execute(db);
  await sql`create index one_time_tokens_user_purpose_idx on one_time_tokens (user_id, purpose)
    where used_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index one_time_tokens_user_purpose_idx`.execute(db);
  await sql`delete from one_time_tokens where purpose in ('email_change', 'email_change_cancel')`.execute(db);
  await sql`alter table one_time_tokens drop constraint one_time_tokens_purpose_check`.execute(db);
  await sql`alter table one_time_tokens add constraint one_time_tokens_purpose_check
    check (purpose in ('password_reset', 'staff_invite'))`.execute(db);
}
