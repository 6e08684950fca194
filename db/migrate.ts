/**
 * `npm run db:migrate [-- up|down|latest|status]`: migrations on the configured database
 * (DATABASE_URL, or PGlite in PGLITE_DIR). `up` and `latest` apply everything pending; `down`
 * reverts the most recent migration.
 */
import { loadConfig } from '../src/shared/server/config.ts';
import { migrateDown, migrateToLatest, migrator, openDatabase } from '../src/shared/server/database.ts';

const command = process.argv[2] ?? 'latest';
if (!['up', 'latest', 'down', 'status'].includes(command)) {
  console.error(`Unknown command "${command}". Use: up | latest | down | status`);
  process.exit(2);
}

const database = await openDatabase(loadConfig());
try {
  if (command === 'status') {
    for (const m of await (await migrator(database.db)).getMigrations()) {
      console.log(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}`);
    }
  } else {
    const result = command === 'down' ? await migrateDown(database.db) : await migrateToLatest(database.db);
    const done = result.results ?? [];
    if (done.length === 0) console.log('Nothing to do.');
    for (const r of done) console.log(`${r.direction === 'Up' ? 'applied' : 'reverted'}  ${r.migrationName}`);
  }
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
