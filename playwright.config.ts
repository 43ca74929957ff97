import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// A fresh, empty database for every run. Playwright evaluates this file in the runner and again in
// each worker; workers inherit the runner's environment, so only the runner creates (and later
// removes) the folder.
const DATA_DIR_ENV = 'STILLWATER_E2E_DATA_DIR';
if (!process.env[DATA_DIR_ENV]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stillwater-e2e-'));
  process.env[DATA_DIR_ENV] = dataDir;
  // 'exit' fires after Playwright has stopped the web server, so nothing is still writing here.
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}
const dataDir = process.env[DATA_DIR_ENV]!;

export default defineConfig({
  testDir: 'e2e',
  // A second run beside another (E2E_PORT, E2E_WEB_DIST) keeps its own results folder too.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  // Journeys share one server and one database; running them one at a time keeps them honest and readable.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium' }],
  // The real app: the server serves the API and the built web app from dist/web
  // (scripts/e2e.ts runs `vite build` first).
  webServer: {
    command: 'node --import tsx server/main.ts',
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    // SIGTERM first, as a process manager would, so the server closes its database cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // The browser journeys move the server's clock past the 2-hour observation (see server/modules/test-clock).
      TEST_CLOCK: 'true',
      ...(process.env.E2E_WEB_DIST ? { WEB_DIST_DIR: process.env.E2E_WEB_DIST } : {}),
    },
  },
});
