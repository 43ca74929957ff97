import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(
      `Another Stillwater process (pid ${ownerPid}) is already using the data folder ${path.dirname(lockFile)}. ` +
        'The embedded database serves one process at a time. Stop the other process first, or start this one ' +
        `with a different DATA_DIR. (If no Stillwater process is running, the lock file ${lockFile} is stale and can be deleted.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

const heldHere = new Set<string>();

function isLiveStillwaterProcess(pid: number): boolean {
  // A pid equal to ours that this process did not take is a leftover from an earlier run
  // (containers restart with the same pid), so it does not block us.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // On Linux, a pid reused by an unrelated program is not a Stillwater process.
    return /node|tsx/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Takes the data folder's pid lock, or throws DataDirLockedError naming the owner.
 * Returns the function that releases it.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'stillwater.pid');
  if (heldHere.has(lockFile)) throw new DataDirLockedError(lockFile, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      heldHere.add(lockFile);
      return () => {
        if (!heldHere.delete(lockFile)) return;
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const ownerPid = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
    if (Number.isInteger(ownerPid) && ownerPid > 0 && isLiveStillwaterProcess(ownerPid)) {
      throw new DataDirLockedError(lockFile, ownerPid);
    }
    rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not take the lock ${lockFile}; another process keeps replacing it.`);
}
