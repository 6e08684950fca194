/**
 * One process per PGlite data folder: two processes on one folder corrupt it (measured, stack.md).
 * The lock is a file beside the data folder holding the owner's pid and host. A lock whose process is
 * gone (a crash, `kill -9`) is stale and is taken over; a live owner makes the second process refuse.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class PgliteLockedError extends Error {
  readonly dir: string;
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(
      `The database folder ${dir} is in use by another SIP-portalen process (pid ${pid}). ` +
        'Only one process may use a PGlite folder: stop the other process, or give this one its own PGLITE_DIR.',
    );
    this.name = 'PgliteLockedError';
    this.dir = dir;
    this.pid = pid;
  }
}

interface LockContent {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host };
  } catch {
    // Unreadable or half-written lock: treated as stale below.
  }
  return undefined;
}

/** The lock file's path for a data folder. */
export function lockPath(dir: string): string {
  return path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
}

/**
 * Takes the lock for `dir`, or throws `PgliteLockedError` when a live process holds it.
 * Returns a release function (also run on process exit).
 */
export function acquirePgliteLock(dir: string): () => void {
  const file = lockPath(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const mine: LockContent = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(file);
        if (current?.pid === mine.pid && current.host === mine.host) fs.rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLock(file);
      if (owner && owner.host === mine.host && owner.pid !== mine.pid && isAlive(owner.pid)) {
        throw new PgliteLockedError(dir, owner.pid);
      }
      if (owner && owner.host !== mine.host) throw new PgliteLockedError(dir, owner.pid);
      // Stale: the owner is gone (or it is ourselves from an earlier open). Remove and retry.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
