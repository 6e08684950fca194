/**
 * `npm run db:backup [-- --out file]`: a consistent backup of the embedded database (PGLITE_DIR) as a
 * gzipped tarball, by default under data/backups/. The portal must be stopped first: a PGlite folder is
 * open in one process only, and copying it under a live portal would not be consistent (README, "Backup
 * and restore"). With DATABASE_URL set, use pg_dump instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/shared/server/config.ts';
import { BackupError, backupPglite, defaultBackupFile } from '../src/shared/server/pglite-backup.ts';
import { PgliteLockedError } from '../src/shared/server/pglite-lock.ts';
import { explainFailure } from './db-backup-messages.ts';

try {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const config = loadConfig();
  if (config.databaseUrl) throw new BackupError('DATABASE_URL is set: back up PostgreSQL with pg_dump (README, "Backup and restore").');
  const started = Date.now();
  const { file, bytes } = await backupPglite(config.pgliteDir, path.resolve(values.out ?? defaultBackupFile(config.pgliteDir, new Date())));
  console.log(`db:backup: ${config.pgliteDir} → ${file} (${(bytes / 1e6).toFixed(1)} MB in ${Date.now() - started} ms)`);
} catch (error) {
  if (!(error instanceof BackupError || error instanceof PgliteLockedError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
  console.error(`db:backup: ${explainFailure(error as Error, 'backup')}`);
  process.exitCode = 1;
}
