/**
 * `npm start`: opens and migrates the database before the HTTP server listens, so that a locked
 * PGlite folder, a bad setting or a failing migration stops the process at once with a clear message.
 * Then it starts the built Astro server (dist/) on HOST:PORT. `--demo-data` loads the demo data first.
 */
import { ConfigError, loadConfig } from '../src/shared/server/config.ts';
import { closeDatabase, getDatabase } from '../src/shared/server/db.ts';
import { PgliteLockedError } from '../src/shared/server/pglite-lock.ts';
import { logger } from '../src/shared/server/logger.ts';
import { seedDemo } from '../db/seed/demo.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

let database;
try {
  database = await getDatabase();
} catch (error) {
  if (error instanceof PgliteLockedError) fail(error.message);
  fail(`Could not open the database: ${(error as Error).message}`);
}
if (process.argv.includes('--demo-data')) await seedDemo(database.db);

process.env.HOST = config.host;
process.env.PORT = String(config.port);
await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
logger.info({ host: config.host, port: config.port, database: database.kind, mode: config.mode }, 'listening');

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await closeDatabase().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
