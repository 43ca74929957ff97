import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_documents')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('version', 'integer', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    // A material change (new risks, new procedures) needs every patient to sign again.
    .addColumn('material', 'boolean', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('published_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'uuid', (col) => col.references('users.id'))
    .execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('patient_id', 'uuid', (col) => col.notNull().references('patients.id'))
    .addColumn('document_id', 'uuid', (col) => col.notNull().references('consent_documents.id'))
    .addColumn('document_version', 'integer', (col) => col.notNull())
    .addColumn('document_hash', 'text', (col) => col.notNull())
    .addColumn('signed_name', 'text', (col) => col.notNull())
    .addColumn('signed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addUniqueConstraint('consents_patient_document_key', ['patient_id', 'document_id'])
    .execute();
  await db.schema
    .createIndex('consents_patient_idx')
    .on('consents')
    .columns(['patient_id', 'signed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consents').execute();
  await db.schema.dropTable('consent_documents').execute();
}
