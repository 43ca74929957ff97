import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intakes')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('patient_id', 'uuid', (col) => col.notNull().references('patients.id'))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'submitted', 'needs_info', 'approved', 'declined')`),
    )
    // One JSON object per section of the form, saved as the patient goes.
    .addColumn('answers', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('screening', 'jsonb')
    .addColumn('clinician_question', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('intakes_patient_idx')
    .on('intakes')
    .columns(['patient_id', 'created_at'])
    .execute();
  await sql`create index intakes_queue_idx on intakes (submitted_at) where status = 'submitted'`.execute(db);

  await db.schema
    .createTable('candidacy_decisions')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('patient_id', 'uuid', (col) => col.notNull().references('patients.id'))
    .addColumn('intake_id', 'uuid', (col) => col.notNull().references('intakes.id'))
    .addColumn('clinician_user_id', 'uuid', (col) => col.notNull().references('users.id'))
    .addColumn('decision', 'text', (col) =>
      col.notNull().check(sql`decision in ('approved', 'declined', 'more_info')`),
    )
    .addColumn('message_to_patient', 'text')
    .addColumn('clinical_note', 'text')
    .addColumn('overridden_rule_ids', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('override_justification', 'text')
    .addColumn('licence_state', 'text', (col) => col.notNull())
    .addColumn('licence_number', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('candidacy_decisions_patient_idx')
    .on('candidacy_decisions')
    .columns(['patient_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('candidacy_decisions').execute();
  await db.schema.dropTable('intakes').execute();
}
