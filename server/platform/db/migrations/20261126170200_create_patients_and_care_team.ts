import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('patients')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('user_id', 'uuid', (col) => col.unique().references('users.id'))
    .addColumn('given_name', 'text', (col) => col.notNull())
    .addColumn('family_name', 'text', (col) => col.notNull())
    .addColumn('date_of_birth', 'date')
    .addColumn('state_of_residence', 'text', (col) => col.check(sql`state_of_residence ~ '^[A-Z]{2}$'`))
    .addColumn('time_zone', 'text', (col) => col.notNull().defaultTo('America/New_York'))
    .addColumn('journey_stage', 'text', (col) => col.notNull().defaultTo('intake'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('care_team')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('patient_id', 'uuid', (col) => col.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('staff_user_id', 'uuid', (col) => col.notNull().references('users.id'))
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('prescriber', 'nurse', 'coach')`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('care_team_patient_staff_key', ['patient_id', 'staff_user_id'])
    .execute();
  await db.schema
    .createIndex('care_team_staff_idx')
    .on('care_team')
    .columns(['staff_user_id', 'patient_id'])
    .execute();

  await db.schema
    .createTable('support_links')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('patient_id', 'uuid', (col) => col.notNull().references('patients.id').onDelete('cascade'))
    .addColumn('support_user_id', 'uuid', (col) => col.notNull().references('users.id'))
    .addColumn('relationship', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('invited', 'active', 'revoked')`),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('support_links_patient_user_key', ['patient_id', 'support_user_id'])
    .execute();
  await db.schema
    .createIndex('support_links_user_idx')
    .on('support_links')
    .columns(['support_user_id', 'patient_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('support_links').execute();
  await db.schema.dropTable('care_team').execute();
  await db.schema.dropTable('patients').execute();
}
