/**
 * The process's one database, opened and migrated on first use. The server (src/server.ts)
 * opens it before the HTTP server listens, so a locked PGlite folder or a failing migration stops the
 * process at start; the same instance is then shared with the bundled server code through a
 * process-wide key (the start script and the Astro bundle each carry a copy of this module).
 */
import { loadConfig } from './config.ts';
import { migrateToLatest, openDatabase, type AppDatabase } from './database.ts';

const KEY = Symbol.for('sip-portalen.database');
type Holder = { [KEY]?: Promise<AppDatabase> };

/** The shared database, migrated to the latest schema. */
export function getDatabase(): Promise<AppDatabase> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const database = await openDatabase(loadConfig());
    await migrateToLatest(database.db);
    return database;
  })().catch((error: unknown) => {
    // Forget a failed open (e.g. PostgreSQL not up yet) so the next request tries again.
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

/** Closes the shared database, if open (on shutdown). */
export async function closeDatabase(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[KEY];
  delete holder[KEY];
  if (pending) await (await pending).close();
}
