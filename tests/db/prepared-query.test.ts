import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { prepared } from '../../src/shared/server/prepared-query.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
const people: { id: string; given: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [pin, given] of [['198112189876', 'Ada'], ['199001012380', 'Bo'], ['200001012384', 'Cy']] as const) {
    const { id } = await database.db
      .insertInto('person')
      .values({ personal_identity_number: pin, given_name: given, family_name: 'Test', birth_date: `${pin.slice(0, 4)}-${pin.slice(4, 6)}-${pin.slice(6, 8)}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    people.push({ id, given });
  }
});
afterAll(async () => {
  await database?.close();
});

describe(`prepared queries (${engine})`, () => {
  const byId = prepared((db: Kysely<Database>, id: string) => db.selectFrom('person').select(['id', 'given_name']).where('id', '=', id));

  it('gives the same rows as the query built each time, for every argument', async () => {
    for (const p of people) {
      expect(await byId.first(database.db, p.id)).toEqual({ id: p.id, given_name: p.given });
      expect(await byId.rows(database.db, p.id)).toEqual([{ id: p.id, given_name: p.given }]);
    }
    expect(await byId.first(database.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('keeps the constants of the query and takes an argument used twice in both places', async () => {
    const named = prepared((db: Kysely<Database>, given: string, limit: number) =>
      db
        .selectFrom('person')
        .select('given_name')
        .where((eb) => eb.or([eb('given_name', '=', given), eb('family_name', '=', given)]))
        .where('family_name', '=', 'Test')
        .orderBy('given_name')
        .limit(limit),
    );
    expect(await named.rows(database.db, 'Bo', 5)).toEqual([{ given_name: 'Bo' }]);
    expect(await named.rows(database.db, 'Test', 2)).toEqual([{ given_name: 'Ada' }, { given_name: 'Bo' }]);
  });

  it('takes lists for `in`, with a template for each length, and builds long lists the usual way', async () => {
    const some = prepared((db: Kysely<Database>, ids: readonly string[], family: string) =>
      db.selectFrom('person').select('given_name').where('id', 'in', ids).where('family_name', '=', family).orderBy('given_name'),
    );
    expect(await some.rows(database.db, [people[1]!.id], 'Test')).toEqual([{ given_name: 'Bo' }]);
    expect((await some.rows(database.db, people.map((p) => p.id), 'Test')).map((r) => r.given_name)).toEqual(['Ada', 'Bo', people[2]!.given]);
    expect(await some.rows(database.db, [people[0]!.id], 'Test')).toEqual([{ given_name: 'Ada' }]);
    expect(await some.rows(database.db, [people[0]!.id], 'Other')).toEqual([]);
    const many = [...Array.from({ length: 40 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`), people[1]!.id];
    expect(await some.rows(database.db, many, 'Test')).toEqual([{ given_name: 'Bo' }]);
  });

  it('runs writes and reports the rows they touched, inside a transaction too', async () => {
    const rename = prepared((db: Kysely<Database>, id: string, given: string) => db.updateTable('person').set({ given_name: given }).where('id', '=', id));
    const result = await database.db.transaction().execute((trx) => rename.run(trx, people[2]!.id, 'Cyd'));
    expect(Number(result.numAffectedRows)).toBe(1);
    expect(await byId.first(database.db, people[2]!.id)).toEqual({ id: people[2]!.id, given_name: 'Cyd' });
  });

  it('refuses an argument that does not reach the query as a parameter', async () => {
    const unused = prepared((db: Kysely<Database>, _id: string) => db.selectFrom('person').select('id'));
    await expect(unused.rows(database.db, people[0]!.id)).rejects.toThrow(/argument 1 of 1 does not reach the query/);
    const asText = prepared((db: Kysely<Database>, given: string) => db.selectFrom('person').select('id').where('given_name', 'like', `%${given}%`));
    await expect(asText.rows(database.db, 'A')).rejects.toThrow(/turned into text/);
    const inJs = prepared((db: Kysely<Database>, at: Date) => db.selectFrom('person').select('id').where('created_at', '<', new Date(at.getTime() - 1)));
    await expect(inJs.rows(database.db, new Date())).rejects.toThrow(/building it with markers failed/);
  });

  it('under the tests, fails when the shape of the query depends on an argument', async () => {
    const shaped = prepared((db: Kysely<Database>, given: string) => {
      const q = db.selectFrom('person').select('id').where('given_name', '=', given);
      return typeof given === 'string' && given === 'Ada' ? q.where(sql<boolean>`true`) : q;
    });
    await expect(shaped.rows(database.db, 'Bo')).resolves.toHaveLength(1);
    await expect(shaped.rows(database.db, 'Ada')).rejects.toThrow(/shape depends on them/);
  });
});
