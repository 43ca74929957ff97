import type { Insertable } from 'kysely';
import type { Db, ProtocolsTable } from '../../platform/db/schema.ts';

function withAuthor(db: Db) {
  return db
    .selectFrom('protocols')
    .leftJoin('users', 'users.id', 'protocols.created_by')
    .selectAll('protocols')
    .select('users.display_name as created_by_name');
}

export type ProtocolRow = NonNullable<Awaited<ReturnType<typeof findProtocol>>>;

/** The current (highest) version of every protocol, by name. */
export async function listCurrentProtocols(db: Db) {
  const rows = await withAuthor(db)
    .distinctOn('protocols.key')
    .orderBy('protocols.key')
    .orderBy('protocols.version', 'desc')
    .execute();
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export function findCurrentProtocol(db: Db, key: string) {
  return withAuthor(db)
    .where('protocols.key', '=', key)
    .orderBy('protocols.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findProtocol(db: Db, id: string) {
  return withAuthor(db).where('protocols.id', '=', id).executeTakeFirst();
}

export function listProtocolVersions(db: Db, key: string) {
  return withAuthor(db).where('protocols.key', '=', key).orderBy('protocols.version', 'desc').execute();
}

/** Inserts a version unless that key already has it; true when inserted. */
export async function insertProtocolVersion(db: Db, row: Insertable<ProtocolsTable>): Promise<boolean> {
  const result = await db
    .insertInto('protocols')
    .values(row)
    .onConflict((oc) => oc.columns(['key', 'version']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
