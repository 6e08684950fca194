/**
 * `npm run db:restore -- <file> [--force]`: puts a backup made by `npm run db:backup` in PGLITE_DIR. A
 * folder that already holds a database is replaced only with --force, and kept beside it. The portal
 * must be stopped first.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/shared/server/config.ts';
import { BackupError, restorePglite } from '../src/shared/server/pglite-backup.ts';
import { PgliteLockedError } from '../src/shared/server/pglite-lock.ts';
import { explainFailure } from './db-backup-messages.ts';

try {
  const { values, positionals } = parseArgs({ options: { force: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new BackupError('name one backup file: npm run db:restore -- <file> [--force]');
  const config = loadConfig();
  if (config.databaseUrl) throw new BackupError('DATABASE_URL is set: restore PostgreSQL with pg_restore (README, "Backup and restore").');
  const file = path.resolve(positionals[0]!);
  const { keptAs } = await restorePglite(file, config.pgliteDir, { force: values.force });
  console.log(`db:restore: ${file} → ${config.pgliteDir}${keptAs ? `; the database that was there is kept in ${keptAs} (remove it when you no longer need it: it holds personal data)` : ''}`);
} catch (error) {
  if (!(error instanceof BackupError || error instanceof PgliteLockedError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
  console.error(`db:restore: ${explainFailure(error as Error, 'restore')}`);
  process.exitCode = 1;
}
