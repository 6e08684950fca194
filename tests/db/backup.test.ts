/**
 * Backup and restore of the embedded database: a folder with plans is backed up, restored into a new
 * folder, opened, and holds the same plans and the same rows in every table. The commands refuse while
 * another process has the folder open, and restore refuses to replace a database without --force.
 * PGlite only (PostgreSQL is backed up with pg_dump; README).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema.ts';
import { migrateToLatest, openDatabase } from '../../src/shared/server/database.ts';
import { BackupError, backupPglite, restorePglite } from '../../src/shared/server/pglite-backup.ts';
import { lockPath } from '../../src/shared/server/pglite-lock.ts';
import { engine } from '../support/db.ts';
import { parties, planGraph } from '../support/plan-graph.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-backup-'));
const original = path.join(root, 'pglite');
const backup = path.join(root, 'backups', 'one.tar.gz');

/** Plan references and the row count of every table: what "the same database" means here. */
async function snapshot(dir: string): Promise<{ plans: string[]; rows: Record<string, number> }> {
  const database = await openDatabase({ databaseUrl: undefined, pgliteDir: dir });
  try {
    const db = database.db as Kysely<Database>;
    const plans = (await db.selectFrom('plan').select('reference').orderBy('reference').execute()).map((p) => p.reference);
    const { rows: tables } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
    const rows: Record<string, number> = {};
    for (const { name } of tables) rows[name] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db)).rows[0]!.n;
    return { plans, rows };
  } finally {
    await database.close();
  }
}

const cli = (script: string, args: string[]) =>
  spawnSync(process.execPath, [`scripts/${script}.ts`, ...args], { env: { ...process.env, SIP_MODE: 'demo', PGLITE_DIR: original, DATABASE_URL: '' }, encoding: 'utf8' });

let before: Awaited<ReturnType<typeof snapshot>>;

describe.skipIf(engine !== 'pglite')('PGlite backup and restore', () => {
  beforeAll(async () => {
    const database = await openDatabase({ databaseUrl: undefined, pgliteDir: original });
    await migrateToLatest(database.db);
    const p = await parties(database.db);
    for (const closedAt of [null, new Date('2026-01-01T00:00:00Z'), null]) await planGraph(database.db, p, closedAt);
    await database.close();
    before = await snapshot(original);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('restores a backup into a new folder that holds the same plans and the same rows', async () => {
    expect(before.plans).toHaveLength(3);
    const { bytes } = await backupPglite(original, backup);
    expect(bytes).toBeGreaterThan(1000);
    await expect(backupPglite(original, backup)).rejects.toThrow(/exists already/);
    const copy = path.join(root, 'restored');
    expect(await restorePglite(backup, copy)).toEqual({ keptAs: undefined });
    expect(await snapshot(copy)).toEqual(before);
  });

  it('refuses to replace a database without --force, and with it keeps the old folder beside', async () => {
    const target = path.join(root, 'target');
    await restorePglite(backup, target);
    await expect(restorePglite(backup, target)).rejects.toThrow(BackupError);
    const { keptAs } = await restorePglite(backup, target, { force: true, at: new Date('2027-06-01T02:00:00Z') });
    expect(keptAs).toBe(`${target}.before-restore-20270601T020000Z`);
    expect(fs.existsSync(path.join(keptAs!, 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
  });

  it('refuses a file that is not a backup, and leaves the folder as it was', async () => {
    const junk = path.join(root, 'junk.tar.gz');
    fs.writeFileSync(junk, 'not a backup');
    await expect(restorePglite(junk, path.join(root, 'never'))).rejects.toThrow(/not a gzip file/);
    expect(fs.existsSync(path.join(root, 'never'))).toBe(false);
  });

  it('the commands back up, and refuse with what to do while another process has the folder open', async () => {
    const ok = cli('db-backup', ['--out', path.join(root, 'cli.tar.gz')]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/db:backup: .* → .*cli\.tar\.gz/);
    // Stand-in for the running portal: a live process that holds the folder's lock.
    const portal: ChildProcess = spawn('sleep', ['60']);
    fs.writeFileSync(lockPath(original), JSON.stringify({ pid: portal.pid, host: os.hostname() }));
    try {
      const backupRun = cli('db-backup', []);
      expect(backupRun.status).toBe(1);
      expect(backupRun.stderr).toContain(`another process (pid ${portal.pid}, normally the running portal)`);
      expect(backupRun.stderr).toContain('Stop the portal, run npm run db:backup again');
      const restoreRun = cli('db-restore', [backup, '--force']);
      expect(restoreRun.status).toBe(1);
      expect(restoreRun.stderr).toContain('Stop the portal, run npm run db:restore again');
    } finally {
      portal.kill();
      fs.rmSync(lockPath(original), { force: true });
    }
    expect(await snapshot(original)).toEqual(before);
  });
});
