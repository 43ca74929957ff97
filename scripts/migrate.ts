/** `npm run db:migrate`: applies pending migrations to the configured database, then exits. */
import { type Config, loadConfig } from '../server/platform/config.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrate.ts';

const config: Config = loadConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { driver: 'postgres', url: config.databaseUrl }
    : { driver: 'pglite', dataDir: config.dataDir },
);
try {
  const applied = await migrateToLatest(database.db);
  process.stdout.write(
    applied.length > 0
      ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}\n`
      : 'Up to date.\n',
  );
} finally {
  await database.close();
}
