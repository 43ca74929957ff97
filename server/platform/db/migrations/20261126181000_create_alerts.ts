import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('patient_id', 'uuid', (col) => col.notNull().references('patients.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) =>
      col.notNull().check(sql`severity in ('urgent', 'high', 'normal')`),
    )
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('open').check(sql`status in ('open', 'acknowledged', 'resolved')`),
    )
    // What raised it (e.g. the intake), so the same event never raises two alerts.
    .addColumn('source_type', 'text', (col) => col.notNull())
    .addColumn('source_id', 'text', (col) => col.notNull())
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('acknowledged_by', 'uuid', (col) => col.references('users.id'))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledgement_note', 'text')
    .addColumn('resolved_by', 'uuid', (col) => col.references('users.id'))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution_note', 'text')
    .addUniqueConstraint('alerts_kind_source_key', ['kind', 'source_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('alerts_patient_idx')
    .on('alerts')
    .columns(['patient_id', 'created_at'])
    .execute();
  await sql`create index alerts_open_idx on alerts (severity, created_at) where status <> 'resolved'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alerts').execute();
}
