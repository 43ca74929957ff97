import { buildApp } from './app.ts';
import { startOutboxSender } from './modules/outbox/sender.ts';
import { startSessionScheduler } from './modules/sessions/scheduler.ts';
import { OffsetClock } from './modules/test-clock/clock.ts';
import { startAuditChainer } from './platform/audit-chainer.ts';
import { type Config, ConfigError, loadConfig } from './platform/config.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { type DatabaseHandle, findDurabilityRisks, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { installGracefulShutdown } from './platform/shutdown.ts';
import { demoPassword, seedClinicDefaults, seedDemoClinic } from './seed.ts';

const demoLogins = ['patient', 'support', 'clinician', 'nurse', 'coach', 'admin'].map(
  (role) => `${role}@stillwater.example`,
);

function fail(message: string): never {
  process.stderr.write(`\nStillwater could not start.\n${message}\n\n`);
  process.exit(1);
}

function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ driver: 'postgres', url: config.databaseUrl })
    : openDatabase({ driver: 'pglite', dataDir: config.dataDir });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  let database: DatabaseHandle;
  try {
    database = await openConfiguredDatabase(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    fail(`The database could not be opened: ${(error as Error).message}`);
  }

  const clock = config.testClock ? new OffsetClock() : undefined;
  if (clock)
    process.stderr.write(
      'TEST_CLOCK is on: the clock can be moved through the API. Never use this in a clinic.\n',
    );
  const deps = { config, database, now: clock?.now ?? (() => new Date()), clock };
  const app = await buildApp(deps);
  const log = app.log;
  let stopOutbox = async () => {};
  let stopSessionDuties = async () => {};
  let stopAuditChainer = async () => {};
  installGracefulShutdown(log, [
    { name: 'drain', run: async () => app.startDraining() },
    { name: 'http', run: () => app.close() },
    { name: 'outbox', run: () => stopOutbox() },
    { name: 'session duties', run: () => stopSessionDuties() },
    { name: 'audit chainer', run: () => stopAuditChainer() },
    { name: 'database', run: () => database.close() },
  ]);

  try {
    if (database.driver === 'postgres') {
      for (const risk of await findDurabilityRisks(database.db)) {
        log.warn(
          `DURABILITY WARNING: PostgreSQL reports ${risk}. Acknowledged writes can be lost in a crash. ` +
            'Turn it on for any real clinic.',
        );
      }
    }
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
    await seedClinicDefaults({ database });
    if (config.seedDemo) {
      const { created } = await seedDemoClinic({ database });
      if (created.length > 0) log.info({ created }, 'demo clinic seeded');
    }
    await app.listen({ port: config.port, host: config.host });
    stopOutbox = startOutboxSender(deps, log);
    stopSessionDuties = startSessionScheduler(deps, log);
    stopAuditChainer = startAuditChainer(database.db, log);
  } catch (error) {
    log.error({ err: error }, 'start-up failed');
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    fail((error as Error).message);
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  const lines = [
    '',
    `  Stillwater is running at ${url}`,
    `  Database: ${database.driver === 'pglite' ? `embedded PGlite in ${database.location}` : database.location}`,
    `  API docs: ${url}/api/docs`,
  ];
  if (config.seedDemo) {
    lines.push('', `  Demo logins (password ${demoPassword}):`, ...demoLogins.map((login) => `    ${login}`));
    lines.push('  Staff accounts use TOTP with the demo secret JBSWY3DPEHPK3PXP.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

await main();
