import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The clinic's screening thresholds (one row, versioned for optimistic concurrency;
  // every change is in the audit trail with the values before and after).
  await db.schema
    .createTable('screening_settings')
    .addColumn('id', 'boolean', (col) => col.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('thresholds', 'jsonb', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (col) => col.references('users.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('screening_settings').execute();
}
