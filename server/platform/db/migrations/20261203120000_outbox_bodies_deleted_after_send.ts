import { type Kysely, sql } from 'kysely';

/**
 * An email's body (which may carry a reset or invite link) is deleted once the email is sent, so
 * nobody with the database or the admin outbox can use a link meant for someone else. Emails
 * already sent lose their bodies now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table outbox alter column body_text drop not null`.execute(db);
  await sql`update outbox set body_text = null where sent_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update outbox set body_text = '' where body_text is null`.execute(db);
  await sql`alter table outbox alter column body_text set not null`.execute(db);
}
