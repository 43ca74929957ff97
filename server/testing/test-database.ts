import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';

const migrationsDir = path.resolve(import.meta.dirname, '../platform/db/migrations');
const pgliteVersion = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json'),
    'utf8',
  ),
).version as string;

/** Identifies the schema: the PGlite version plus every migration's name and text. */
function schemaFingerprint(): string {
  const hash = createHash('sha256').update(pgliteVersion);
  for (const file of readdirSync(migrationsDir).sort()) {
    hash.update(file).update(readFileSync(path.join(migrationsDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated, empty PGlite data folder, made once and kept in the temp folder: starting
 * each test file's database from it skips initdb and the migrations (seconds per file).
 */
async function migratedPGliteTemplate(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `stillwater-pglite-template-${schemaFingerprint()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const fresh = await openDatabase({ driver: 'pglite', dataDir: undefined });
    try {
      await migrateToLatest(fresh.db);
      const dump = await fresh.dump!();
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      return dump;
    } finally {
      await fresh.close();
    }
  }
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL, dropped on close.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({
      driver: 'pglite',
      dataDir: undefined,
      loadFrom: await migratedPGliteTemplate(),
    });
    await migrateToLatest(handle.db);
    return handle;
  }

  const name = `stillwater_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: 'postgres', url: url.toString(), poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
