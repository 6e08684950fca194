import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateDown, migrateToLatest } from '../../src/shared/server/database.ts';
import { migrations } from '../../db/migrations/index.ts';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
});
afterAll(async () => {
  await database?.close();
});

async function tables(): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(database.db);
  return result.rows.map((r) => r.table_name);
}

describe(`migrations on ${engine}`, () => {
  it('are named <YYYYMMDDTHHMM>_<verb_object> and sorted', () => {
    const names = Object.keys(migrations);
    for (const name of names) expect(name).toMatch(/^\d{8}T\d{4}_[a-z]+(_[a-z]+)*$/);
    expect([...names].sort()).toEqual(names);
  });

  it('apply up to the latest, creating the first tables', async () => {
    await migrateToLatest(database.db);
    expect(await tables()).toEqual(
      expect.arrayContaining(['app_metadata', 'principal', 'unit', 'person', 'staff_account', 'session', 'audit_event']),
    );
  });

  it('revert one by one down to an empty schema, and apply again', async () => {
    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(database.db);
    expect(await tables()).toEqual([]);
    await migrateToLatest(database.db);
    expect(await tables()).toEqual(expect.arrayContaining(['app_metadata', 'principal', 'unit']));
  });

  it('keep their bookkeeping in this schema even when another schema of the same database has migrated', async () => {
    // Regression: Kysely looked for kysely_migration in any schema, so parallel test servers on one
    // PostgreSQL database skipped creating their own lock table and failed to start.
    const other = await createTestDatabase({ migrated: true });
    try {
      const empty = await createTestDatabase({ migrated: false });
      try {
        await migrateToLatest(empty.db);
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from information_schema.tables
          where table_schema = current_schema() and table_name in ('kysely_migration', 'kysely_migration_lock')`.execute(empty.db);
        expect(rows[0]!.n).toBe(2);
      } finally {
        await empty.close();
      }
    } finally {
      await other.close();
    }
  });

  it('reject a principal of an unknown kind', async () => {
    await expect(
      database.db.insertInto('principal').values({ name: 'X', kind: 'county' as never }).execute(),
    ).rejects.toThrow();
  });
});
