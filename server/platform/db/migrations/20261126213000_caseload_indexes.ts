import { type Kysely, sql } from 'kysely';

/**
 * The caseload sorts by name in the database's collation (an index with text_pattern_ops
 * serves prefix search but not ORDER BY), and searches given names by prefix too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index patients_sort_name_idx on patients (lower(family_name), lower(given_name), id)`.execute(
    db,
  );
  await sql`create index patients_given_name_idx on patients (lower(given_name) text_pattern_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index patients_given_name_idx`.execute(db);
  await sql`drop index patients_sort_name_idx`.execute(db);
}
