import { type Kysely, sql } from 'kysely';

/**
 * Personal access tokens get limits: a scope (`read` tokens may only GET) and an expiry that is
 * always set. Live tokens that never expired now expire 90 days from this migration (the new
 * default), giving their clients time to be given a new one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table access_tokens
    add column scope text not null default 'full' check (scope in ('full', 'read'))`.execute(db);
  await sql`update access_tokens
    set expires_at = case when revoked_at is null then now() + interval '90 days' else revoked_at end
    where expires_at is null`.execute(db);
  await sql`alter table access_tokens alter column expires_at set not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table access_tokens alter column expires_at drop not null`.execute(db);
  await sql`alter table access_tokens drop column scope`.execute(db);
}
