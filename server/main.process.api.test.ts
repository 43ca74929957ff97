/**
 * The whole program as an operator runs it: a real process, signals, a data folder on disk.
 * On PGlite by default; when TEST_DATABASE_URL is set, the same start also runs on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openTestDatabase } from './testing/test-database.ts';

const root = path.resolve(import.meta.dirname, '..');

type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startServer(env: Record<string, string>): Running {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForUrl(running: Running, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = running.output().match(/Stillwater is running at (http:\/\/\S+)/);
    if (match?.[1]) return match[1];
    if (running.child.exitCode !== null) throw new Error(`server exited early:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start in time:\n${running.output()}`);
}

async function stop(running: Running): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  running.child.kill('SIGTERM');
  const code = await running.exited;
  return { code, ms: Date.now() - started };
}

const port = () => String(20000 + Math.floor(Math.random() * 20000));
const children: Running[] = [];
after(() => {
  for (const running of children) running.child.kill('SIGKILL');
});

describe('npm start on the embedded database', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stillwater-data-'));

  it('starts, serves health and the clinic, and prints the demo logins', async () => {
    const first = startServer({ DATA_DIR: dataDir, PORT: port() });
    children.push(first);
    const url = await waitForUrl(first);
    assert.match(first.output(), /patient@stillwater\.example/);
    assert.match(first.output(), /calm-harbor-demo-2026/);
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok' });
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    assert.equal((await (await fetch(`${url}/api/clinic`)).json()).name, 'Stillwater Demo Clinic');
    assert.match(first.output(), /"reqId":"[0-9a-f-]{36}"/, 'request log lines carry the request id');

    // A second process on the same folder fails clearly and harms nothing.
    const second = startServer({ DATA_DIR: dataDir, PORT: port() });
    children.push(second);
    assert.equal(await second.exited, 1);
    assert.match(second.output(), /Another Stillwater process \(pid \d+\) is already using the data folder/);
    assert.equal((await fetch(`${url}/readyz`)).status, 200, 'the first process still serves');
    assert.ok(existsSync(path.join(dataDir, 'stillwater.pid')), 'the lock still belongs to the first');

    const stopped = await stop(first);
    assert.equal(stopped.code, 0);
    assert.ok(stopped.ms < 10_000, `exited in ${stopped.ms} ms`);
    assert.equal(existsSync(path.join(dataDir, 'stillwater.pid')), false, 'the lock is released');
  });

  it('a restart on the same folder finds its data', async () => {
    const again = startServer({ DATA_DIR: dataDir, PORT: port(), SEED_DEMO: 'false' });
    children.push(again);
    const url = await waitForUrl(again);
    assert.doesNotMatch(again.output(), /demo clinic seeded/);
    assert.equal((await (await fetch(`${url}/api/clinic`)).json()).name, 'Stillwater Demo Clinic');
    assert.equal((await stop(again)).code, 0);
  });

  it('refuses a bad configuration value with a clear message', async () => {
    const bad = startServer({ DATA_DIR: dataDir, PORT: 'ninety' });
    children.push(bad);
    assert.equal(await bad.exited, 1);
    assert.match(bad.output(), /PORT="ninety": must be a number/);
  });
});

describe('npm start on PostgreSQL', {
  skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL not set',
}, () => {
  it('migrates, seeds and serves with DATABASE_URL', async () => {
    const database = await openTestDatabase();
    try {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      const name = (
        await database.db
          .selectNoFrom((eb) => eb.fn<string>('current_database').as('name'))
          .executeTakeFirstOrThrow()
      ).name;
      url.pathname = `/${name}`;
      const server = startServer({ DATABASE_URL: url.toString(), PORT: port(), DATA_DIR: '/nonexistent' });
      children.push(server);
      const base = await waitForUrl(server);
      assert.match(server.output(), /Database: postgres/);
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      assert.equal((await (await fetch(`${base}/api/clinic`)).json()).name, 'Stillwater Demo Clinic');
      assert.equal((await stop(server)).code, 0);
    } finally {
      await database.close();
    }
  });
});
