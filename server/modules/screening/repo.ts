import type { Db } from '../../platform/db/schema.ts';

export function findScreeningSettings(db: Db) {
  return db.selectFrom('screening_settings').selectAll().executeTakeFirst();
}

/** Writes the next version only if the stored one is still `expectedVersion` (0: none yet). */
export async function saveScreeningSettings(
  db: Db,
  expectedVersion: number,
  thresholds: Record<string, unknown>,
  userId: string,
  now: Date,
): Promise<boolean> {
  if (expectedVersion === 0) {
    const inserted = await db
      .insertInto('screening_settings')
      .values({ version: 1, thresholds: JSON.stringify(thresholds), updated_at: now, updated_by: userId })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const updated = await db
    .updateTable('screening_settings')
    .set({
      version: expectedVersion + 1,
      thresholds: JSON.stringify(thresholds),
      updated_at: now,
      updated_by: userId,
    })
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
