import { type Kysely, sql } from 'kysely';

/**
 * Alerts get a response-due time (the clinic's SLA for their severity), and the
 * "one alert per event" rule now holds only while an alert is active: once the care
 * team resolves it, the same concern arising again raises a fresh alert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('due_at', 'timestamptz').execute();
  await sql`update alerts set due_at = created_at + case severity
      when 'urgent' then interval '30 minutes'
      when 'high' then interval '4 hours'
      else interval '24 hours' end`.execute(db);
  await sql`alter table alerts alter column due_at set not null`.execute(db);
  await sql`alter table alerts drop constraint alerts_kind_source_key`.execute(db);
  await sql`create unique index alerts_active_source_key on alerts (kind, source_type, source_id)
      where status <> 'resolved'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index alerts_active_source_key`.execute(db);
  await sql`alter table alerts add constraint alerts_kind_source_key unique (kind, source_type, source_id)`.execute(
    db,
  );
  await db.schema.alterTable('alerts').dropColumn('due_at').execute();
}
