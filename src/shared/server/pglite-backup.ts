/**
 * Backup and restore of the embedded database (a PGlite data folder), for `npm run db:backup` and
 * `npm run db:restore`. A backup is PGlite's own `dumpDataDir`: a gzipped tarball of the whole data
 * folder, taken by the only process that has the folder open, so it is consistent. It restores with the
 * same PGlite (PostgreSQL 18) data format only; for a portable, logical dump use PostgreSQL and pg_dump.
 *
 * Both take the folder's lock (pglite-lock.ts) for their whole run: while the portal runs, they refuse
 * (PgliteLockedError) instead of reading or replacing files under a live database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { acquirePgliteLock } from './pglite-lock.ts';

/** A backup or restore that cannot go ahead; the message says what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const hasData = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** `data/backups/sip-pglite-20270601T020000Z.tar.gz` beside the data folder. */
export function defaultBackupFile(dir: string, at: Date): string {
  return path.join(path.dirname(dir), 'backups', `sip-pglite-${stamp(at)}.tar.gz`);
}

/** Writes a consistent backup of `dir` to `file` (never over an existing file). */
export async function backupPglite(dir: string, file: string): Promise<{ file: string; bytes: number }> {
  if (!hasData(dir)) throw new BackupError(`There is no database in ${dir} (PGLITE_DIR).`);
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already; choose another file with --out.`);
  const release = acquirePgliteLock(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(dir);
    let dump: Blob;
    try {
      dump = await pglite.dumpDataDir('gzip');
    } finally {
      await pglite.close();
    }
    const bytes = Buffer.from(await dump.arrayBuffer());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written beside and renamed, so a crash never leaves a half backup under the final name.
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, bytes, { mode: 0o600 });
    fs.renameSync(partial, file);
    return { file, bytes: bytes.length };
  } finally {
    release();
  }
}

/**
 * Restores `file` into `dir`. A folder with data is replaced only with `force`, and then kept beside as
 * `<dir>.before-restore-<time>` (returned as `keptAs`) until the operator removes it. The backup is
 * unpacked and opened in a new folder first, so a bad file leaves `dir` untouched.
 */
export async function restorePglite(file: string, dir: string, options: { force?: boolean; at?: Date } = {}): Promise<{ keptAs: string | undefined }> {
  if (!fs.existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  const bytes = fs.readFileSync(file);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new BackupError(`${file} is not a backup made by npm run db:backup (not a gzip file).`);
  const release = acquirePgliteLock(dir);
  try {
    const occupied = hasData(dir);
    if (occupied && !options.force) {
      throw new BackupError(`${dir} already holds a database. Add --force to replace it (the current folder is kept beside it).`);
    }
    const fresh = `${dir}.restoring`;
    fs.rmSync(fresh, { recursive: true, force: true });
    const { PGlite } = await import('@electric-sql/pglite');
    try {
      const pglite = await PGlite.create(fresh, { loadDataDir: new Blob([bytes]) });
      await pglite.query('select 1');
      await pglite.close();
    } catch (error) {
      fs.rmSync(fresh, { recursive: true, force: true });
      throw new BackupError(`${file} could not be opened as a PGlite database (${(error as Error).message}).`);
    }
    let keptAs: string | undefined;
    if (fs.existsSync(dir)) {
      if (occupied) {
        keptAs = `${dir}.before-restore-${stamp(options.at ?? new Date())}`;
        fs.renameSync(dir, keptAs);
      } else fs.rmdirSync(dir);
    }
    fs.renameSync(fresh, dir);
    return { keptAs };
  } finally {
    release();
  }
}
