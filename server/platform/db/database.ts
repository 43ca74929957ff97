import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type DriverName = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  driver: DriverName;
  /** Where the data lives, for logs: a folder, "memory", or the server without its password. */
  location: string;
  /** Runs a real query; throws when the database does not answer. */
  ping(): Promise<void>;
  /** A copy of the embedded database's data folder (PGlite only). */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { driver: 'postgres'; url: string; poolSize?: number }
  /**
   * dataDir undefined keeps the embedded database in memory (tests); `loadFrom` starts it
   * from a dump of another PGlite data folder (a migrated template, far quicker than initdb).
   */
  | { driver: 'pglite'; dataDir: string | undefined; loadFrom?: Blob };

// Both drivers hand back the same JavaScript types: calendar dates stay 'YYYY-MM-DD'
// strings (no time-zone shift), and bigint counts and numerics become numbers.
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const parseNumber = (value: string) => Number(value);
const keepText = (value: string) => value;

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const overrides: Record<number, (value: string) => unknown> = {
    [OID.int8]: parseNumber,
    [OID.numeric]: parseNumber,
    [OID.date]: keepText,
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        overrides[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it and /readyz reports the outage.
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    driver: 'postgres',
    location: redactUrl(url),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
    },
  };
}

async function openPGlite(dataDir: string | undefined, loadFrom?: Blob): Promise<DatabaseHandle> {
  const releaseLock = dataDir ? acquireDataDirLock(dataDir) : () => {};
  try {
    const pglite = await PGlite.create(dataDir ? path.join(dataDir, 'pgdata') : undefined, {
      parsers: { [OID.int8]: parseNumber, [OID.numeric]: parseNumber, [OID.date]: keepText },
      ...(loadFrom ? { loadDataDir: loadFrom } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    let closing: Promise<void> | undefined;
    return {
      db,
      driver: 'pglite',
      location: dataDir ?? 'memory',
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      dump: async () => {
        const tarball = await pglite.dumpDataDir('none');
        return new Blob([await tarball.arrayBuffer()]);
      },
      close: () => {
        closing ??= (async () => {
          try {
            await db.destroy();
            await pglite.close();
          } finally {
            releaseLock();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

export function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.driver === 'postgres'
    ? openPostgres(options.url, options.poolSize)
    : openPGlite(options.dataDir, options.loadFrom);
}

/** PostgreSQL settings without which an acknowledged write can be lost. */
export async function findDurabilityRisks(db: Kysely<Database>): Promise<string[]> {
  const risks: string[] = [];
  for (const setting of ['fsync', 'synchronous_commit'] as const) {
    const result = await sql<{ value: string }>`select current_setting(${setting}) as value`.execute(db);
    const value = result.rows[0]?.value;
    if (value === 'off') risks.push(`${setting} is off`);
  }
  return risks;
}
