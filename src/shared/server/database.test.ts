import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isDatabaseUp, openDatabase } from './database.ts';

describe('isDatabaseUp', () => {
  it('is false, without throwing, when PostgreSQL cannot be reached', async () => {
    const database = await openDatabase({ databaseUrl: 'postgres://nobody:none@127.0.0.1:1/none', pgliteDir: '' });
    try {
      expect(await isDatabaseUp(database.db, 3_000)).toBe(false);
    } finally {
      await database.close();
    }
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises lost or refused connections, also when wrapped', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: 'ECONNRESET' }) }))).toBe(true);
  });

  it('does not mistake bugs and constraint violations for an outage', () => {
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
