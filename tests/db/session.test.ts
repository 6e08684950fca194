import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { endSession, startSession, validateSession } from '../../src/features/access/session.service.ts';
import { generateSessionToken } from '../../src/features/access/session.domain.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
let personId: string;
let staffId: string;
const t0 = new Date('2026-11-23T08:00:00Z');
const after = (minutes: number) => fixedClock(new Date(t0.getTime() + minutes * 60_000));

beforeAll(async () => {
  database = await createTestDatabase();
  ({ id: personId } = await database.db
    .insertInto('person')
    .values({ personal_identity_number: '198112189876', given_name: 'Test', family_name: 'Person', birth_date: '1981-12-18' })
    .returning('id')
    .executeTakeFirstOrThrow());
  ({ id: staffId } = await database.db
    .insertInto('staff_account')
    .values({ hsa_id: 'SE2321000000-T1', name: 'Test Staff' })
    .returning('id')
    .executeTakeFirstOrThrow());
});
afterAll(async () => {
  await database?.close();
});

describe(`sessions on ${engine}`, () => {
  it('a started session validates and names its owner', async () => {
    const { token, expiresAt } = await startSession(database.db, { kind: 'person', personId }, after(0));
    expect(expiresAt).toEqual(new Date(t0.getTime() + 30 * 60_000));
    const session = await validateSession(database.db, token, after(1 / 2));
    expect(session?.owner).toEqual({ kind: 'person', personId });
  });

  it('stores only the hash of the secret', async () => {
    const { token } = await startSession(database.db, { kind: 'staff', staffAccountId: staffId }, after(0));
    const [id, secret] = token.split('.') as [string, string];
    const row = await database.db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.secret_hash).toString('utf8')).not.toContain(secret);
    expect(new Uint8Array(row.secret_hash)).toHaveLength(32);
  });

  it('a wrong secret for a real id, a forged or malformed token is no session', async () => {
    const { token } = await startSession(database.db, { kind: 'person', personId }, after(0));
    const [id] = token.split('.') as [string];
    const forged = `${id}.${generateSessionToken().token.split('.')[1]}`;
    expect(await validateSession(database.db, forged, after(1))).toBeUndefined();
    expect(await validateSession(database.db, generateSessionToken().token, after(1))).toBeUndefined();
    expect(await validateSession(database.db, 'garbage', after(1))).toBeUndefined();
    expect(await validateSession(database.db, undefined, after(1))).toBeUndefined();
  });

  it('activity keeps it alive; 30 idle minutes end it and remove the row', async () => {
    const { token } = await startSession(database.db, { kind: 'person', personId }, after(0));
    expect(await validateSession(database.db, token, after(20))).toBeDefined();
    expect(await validateSession(database.db, token, after(45))).toBeDefined();
    expect(await validateSession(database.db, token, after(76))).toBeUndefined();
    const [id] = token.split('.') as [string];
    expect(await database.db.selectFrom('session').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });

  it('ends after 12 hours even with constant activity', async () => {
    const { token } = await startSession(database.db, { kind: 'person', personId }, after(0));
    for (let m = 25; m < 12 * 60; m += 25) expect(await validateSession(database.db, token, after(m)), `minute ${m}`).toBeDefined();
    expect(await validateSession(database.db, token, after(12 * 60))).toBeUndefined();
  });

  it('logout ends it on the server', async () => {
    const { token } = await startSession(database.db, { kind: 'person', personId }, after(0));
    const session = await validateSession(database.db, token, after(1));
    await endSession(database.db, session!.id);
    expect(await validateSession(database.db, token, after(2))).toBeUndefined();
  });
});
