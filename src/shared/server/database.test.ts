import { describe, expect, it } from 'vitest';
import { isDatabaseUp, openDatabase } from './database.ts';

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
