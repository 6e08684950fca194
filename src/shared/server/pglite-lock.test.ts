import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { acquirePgliteLock, lockPath, PgliteLockedError } from './pglite-lock.ts';

const dirs: string[] = [];
function tempDir() {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sip-lock-')), 'pglite');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(path.dirname(d), { recursive: true, force: true });
});

describe('acquirePgliteLock', () => {
  it('takes a free folder and releases it', () => {
    const dir = tempDir();
    const release = acquirePgliteLock(dir);
    expect(fs.existsSync(lockPath(dir))).toBe(true);
    release();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });

  it('refuses a folder held by a live process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: child.pid, host: os.hostname() }));
      expect(() => acquirePgliteLock(dir)).toThrow(PgliteLockedError);
      expect(() => acquirePgliteLock(dir)).toThrow(/in use by another SIP-portalen process/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: child.pid, host: os.hostname() }));
    const release = acquirePgliteLock(dir);
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('treats a half-written lock file as stale', () => {
    const dir = tempDir();
    fs.mkdirSync(path.dirname(lockPath(dir)), { recursive: true });
    fs.writeFileSync(lockPath(dir), '{"pid":');
    acquirePgliteLock(dir)();
  });
});
