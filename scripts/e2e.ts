/**
 * `npm run test:e2e`: builds the web app and runs the Playwright journeys in Debian's Chromium.
 * Without Chromium the browser tests are skipped with a clear message, except under CI,
 * where a missing browser fails the run (CI must prove the journeys, not skip them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `Chromium was not found at ${chromium}. Install it with: apt-get install -y chromium`;
  if (process.env.CI) {
    process.stderr.write(`${message}\nCI is set, so a missing browser fails the run.\n`);
    process.exit(1);
  }
  process.stdout.write(`SKIPPED browser tests: ${message}\n`);
  process.exit(0);
}

const run = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: 'inherit', env: process.env }).status ?? 1;

// E2E_WEB_DIST builds into (and serves from) another folder, so a second run cannot replace
// the files a running one is serving.
const outDir = process.env.E2E_WEB_DIST;
const buildStatus = run('npx', [
  'vite',
  'build',
  '--logLevel',
  'warn',
  ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : []),
]);
if (buildStatus !== 0) process.exit(buildStatus);
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)]));
