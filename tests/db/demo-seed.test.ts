import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRINCIPALS, seedDemo } from '../../db/seed/demo.ts';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`demo data on ${engine}`, () => {
  it('loads invented principals and units, and a second run changes nothing', async () => {
    await seedDemo(database.db);
    await seedDemo(database.db);
    const principals = await database.db.selectFrom('principal').select(['name', 'kind']).orderBy('name').execute();
    expect(principals).toHaveLength(DEMO_PRINCIPALS.length);
    expect(principals.map((p) => p.kind).sort()).toEqual(['municipality', 'municipality', 'region', 'school']);
    const units = await database.db.selectFrom('unit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(units.n)).toBe(DEMO_PRINCIPALS.reduce((n, p) => n + p.units.length, 0));
  });
});
