/**
 * Rate limits counted in the database: two processes (two limiters, on PostgreSQL two connection pools)
 * on one database share each client's count, so a load balancer in front of N instances does not give
 * a client N times the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type AppDatabase } from '../../src/shared/server/database.ts';
import { createRateLimiter } from '../../src/shared/server/rate-limit.ts';
import { createTestDatabase, engine, testDatabaseUrl } from '../support/db.ts';

let database: AppDatabase;
/** The second instance's own connection to the same database (PGlite has only one process). */
let second: AppDatabase | undefined;
const limits = { loginPerMinute: 3, postPerMinute: 4 };

beforeAll(async () => {
  database = await createTestDatabase();
  if (testDatabaseUrl) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
    second = await openDatabase({ databaseUrl: testDatabaseUrl, pgliteDir: '' }, { searchPath: rows[0]!.schema });
  }
});
afterAll(async () => {
  await second?.close();
  await database?.close();
});

describe(`rate limits in the database on ${engine}`, () => {
  it('two instances on one database count a client together', async () => {
    const a = createRateLimiter({ limits, trustedProxies: [], db: database.db });
    const b = createRateLimiter({ limits, trustedProxies: [], db: (second ?? database).db });
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await (i % 2 === 0 ? a : b).consume('login', '203.0.113.7', null));
    // Three logins a minute in all: the fourth, on either instance, waits.
    expect(waits.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(waits[3]).toBeGreaterThan(0);
    expect(await a.consume('login', '203.0.113.7', null)).toBeGreaterThan(0);
    // Another client, and the other kind of limit, count apart.
    expect(await b.consume('login', '203.0.113.8', null)).toBeUndefined();
    expect(await b.consume('post', '203.0.113.7', null)).toBeUndefined();
    const rows = await database.db.selectFrom('rate_limit').select(['key', 'points']).orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'login:203.0.113.7', points: 5 },
      { key: 'login:203.0.113.8', points: 1 },
      { key: 'post:203.0.113.7', points: 1 },
    ]);
  });

  it('behind a trusted proxy the instances count the forwarded client, not the proxy', async () => {
    const options = { limits, trustedProxies: ['10.0.0.0/8'], db: database.db };
    const a = createRateLimiter(options);
    const b = createRateLimiter({ ...options, db: (second ?? database).db });
    for (let i = 0; i < 3; i++) expect(await (i % 2 ? a : b).consume('login', '10.0.0.2', '198.51.100.1')).toBeUndefined();
    expect(await a.consume('login', '10.0.0.3', '198.51.100.1')).toBeGreaterThan(0);
    // Someone else behind the same load balancer still gets in.
    expect(await b.consume('login', '10.0.0.2', '198.51.100.2')).toBeUndefined();
  });
});
