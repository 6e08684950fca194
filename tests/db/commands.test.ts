/**
 * Every README command that touches only the database runs on a fresh data folder with nothing but what
 * it documents — no login settings, no SIP_MODE=demo (a deploy step that only migrates must not need the
 * identity providers). Run once, on PGlite: the commands' configuration does not depend on the engine.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { engine } from '../support/db.ts';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-commands-'));
// Only what a shell has, and the one setting these commands document for the embedded database.
const env = { PATH: process.env.PATH!, HOME: os.homedir(), PGLITE_DIR: path.join(dir, 'pglite') };
const node = (...args: string[]) => run(process.execPath, args, { env, cwd: process.cwd(), timeout: 120_000 });

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(engine !== 'pglite')('README commands on a fresh data folder, production mode, no login settings', () => {
  it('db:migrate status, then latest', async () => {
    expect((await node('db/migrate.ts', 'status')).stdout).toContain('pending');
    const latest = await node('db/migrate.ts', 'latest');
    expect(latest.stdout).toContain('applied');
    expect(latest.stderr).toBe('');
  });

  it('jobs', async () => {
    expect((await node('scripts/jobs.ts')).stdout).toContain('retention');
  });

  it('db:backup', async () => {
    const out = path.join(dir, 'backup.tar.gz');
    await node('scripts/db-backup.ts', '--out', out);
    expect(fs.statSync(out).size).toBeGreaterThan(0);
  });
});
