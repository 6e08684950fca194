/**
 * The PGlite folder's lock at start, with the real start script: a lock left by a process that no longer
 * runs (a crash) is stale and the portal starts; while a portal runs on the folder, a second one is
 * refused with a clear message. PGlite only (skipped when TEST_DATABASE_URL is set).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type TestServer } from '../support/server.ts';
import { testDatabaseUrl } from '../support/db.ts';
import { lockPath } from '../../src/shared/server/pglite-lock.ts';

const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sip-lock-')), 'pglite');
let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe.skipIf(!!testDatabaseUrl)('the PGlite lock at start', () => {
  it('a lock left by a dead process is taken over and the portal starts', async () => {
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => dead.on('exit', resolve));
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: dead.pid, host: os.hostname() }));
    server = await startServer({ env: { PGLITE_DIR: dir, JOBS_INTERVAL_SECONDS: '0' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')).pid).toBe(server.process.pid);
  });

  it('a second portal on the folder of a running one is refused and says why', async () => {
    const second = spawn(process.execPath, ['scripts/start.ts'], { env: { ...server!.env, PORT: String(await freePort()) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    second.stdout!.on('data', (d) => (output += d));
    second.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`is in use by another SIP-portalen process (pid ${server!.process.pid})`);
    // The running portal is untouched.
    expect((await fetch(`${server!.url}/healthz`)).status).toBe(200);
  });
});
