import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.ts';

const freshDir = () => mkdtempSync(path.join(os.tmpdir(), 'stillwater-lock-'));

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('data folder lock', () => {
  it('writes our pid and removes the file on release', () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    assert.equal(readFileSync(path.join(dir, 'stillwater.pid'), 'utf8').trim(), String(process.pid));
    release();
    assert.equal(existsSync(path.join(dir, 'stillwater.pid')), false);
  });

  it('refuses a second holder in the same process', () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    try {
      assert.throws(() => acquireDataDirLock(dir), DataDirLockedError);
    } finally {
      release();
    }
  });

  it('refuses when a live Stillwater-like process holds it, naming the pid and folder', () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const livePid = holder.pid!;
      writeFileSync(path.join(dir, 'stillwater.pid'), `${livePid}\n`);
      assert.throws(
        () => acquireDataDirLock(dir),
        (error: unknown) =>
          error instanceof DataDirLockedError &&
          error.message.includes(`pid ${livePid}`) &&
          error.message.includes(dir),
      );
      assert.equal(readFileSync(path.join(dir, 'stillwater.pid'), 'utf8').trim(), String(livePid));
    } finally {
      holder.kill();
    }
  });

  it('takes over a stale lock left by a process that died', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'stillwater.pid'), `${deadPid()}\n`);
    const release = acquireDataDirLock(dir);
    assert.equal(readFileSync(path.join(dir, 'stillwater.pid'), 'utf8').trim(), String(process.pid));
    release();
  });

  it('takes over a lock with our own pid left by an earlier run (container restart)', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'stillwater.pid'), `${process.pid}\n`);
    const release = acquireDataDirLock(dir);
    release();
  });
});
