import { type Kysely, sql } from 'kysely';

/**
 * Queues follow the care team. The clinic's intake team (named by an administrator) is who
 * receives the alerts and candidacy reviews of patients nobody cares for yet; whoever of them
 * takes a patient on joins the care team, and the take-on waits for an administrator's review
 * beside break-glass accesses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intake_team_members')
    .addColumn('staff_user_id', 'uuid', (col) => col.primaryKey().references('users.id'))
    .addColumn('added_by', 'uuid', (col) => col.references('users.id'))
    .addColumn('added_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('care_team_take_ons')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id'))
    .addColumn('patient_id', 'uuid', (col) => col.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('via', 'text', (col) => col.notNull().check(sql`via in ('candidacy_review', 'alert')`))
    .addColumn('entity_id', 'uuid', (col) => col.notNull())
    .addColumn('care_role', 'text', (col) =>
      col.notNull().check(sql`care_role in ('prescriber', 'nurse', 'coach')`),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('reviewed_by', 'uuid', (col) => col.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_note', 'text')
    .execute();
  await sql`create index care_team_take_ons_unreviewed_idx on care_team_take_ons (created_at)
    where reviewed_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('care_team_take_ons').execute();
  await db.schema.dropTable('intake_team_members').execute();
}
