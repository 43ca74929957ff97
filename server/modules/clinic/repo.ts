import type { Kysely } from 'kysely';
import type { Clinic, Database, NewClinic } from '../../platform/db/schema.ts';

export function findClinic(db: Kysely<Database>): Promise<Clinic | undefined> {
  return db.selectFrom('clinic').selectAll().executeTakeFirst();
}

/** Creates the clinic row unless one exists; returns whether it was created. */
export async function insertClinicIfMissing(db: Kysely<Database>, clinic: NewClinic): Promise<boolean> {
  const result = await db
    .insertInto('clinic')
    .values(clinic)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
