import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, buildApp, loggerOptions } from '../app.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { loadConfig } from '../platform/config.ts';
import { seedDemoClinic } from '../seed.ts';
import { TestClock } from './test-clock.ts';
import { openTestDatabase } from './test-database.ts';

export type TestApp = {
  app: App;
  deps: AppDeps;
  /** The app's clock; starts at the real time and moves only when a test moves it. */
  clock: TestClock;
  close(): Promise<void>;
};

export type TestAppOptions = {
  seed?: boolean;
  env?: Record<string, string>;
  clock?: TestClock;
  /** Where the app's JSON log lines go (at LOG_LEVEL from env, else TEST_LOG_LEVEL or silent). */
  logStream?: { write(line: string): void };
  /** Runs before the app is ready: tests register extra routes here. */
  beforeReady?: (app: App) => void | Promise<void>;
};

/** The real app on a fresh database, migrated (and seeded unless told not to). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // An empty folder: API tests do not depend on the web build.
    WEB_DIST_DIR: mkdtempSync(path.join(os.tmpdir(), 'stillwater-web-')),
    // Emails land here as .eml files (see testing/mail.ts), never in the working tree.
    MAIL_DIR: mkdtempSync(path.join(os.tmpdir(), 'stillwater-mail-')),
    ...options.env,
  });
  const clock = options.clock ?? new TestClock();
  const deps: AppDeps = { config, database, now: clock.now };
  if (options.seed !== false) await seedDemoClinic(deps, clock.now());
  const app = await buildApp(
    deps,
    options.logStream ? { logger: loggerOptions(config, options.logStream) } : {},
  );
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    deps,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
