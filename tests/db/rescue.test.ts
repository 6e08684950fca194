/** Forms kept across a session timeout: for the same owner and page only, once, and never for long. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { isRescuable, keepForm, takeForm } from '../../src/features/access/rescue.ts';
import { inspectSession, startSession } from '../../src/features/access/session.service.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
const staffId = async (name: string) => (await database.db.selectFrom('staff_account').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe(`keeping a form across a timeout on ${engine}`, () => {
  const path = '/sv/staff/plans/0b6f7c1e-0000-4000-8000-000000000001/edit';

  it('only the plan editor and the request steps are kept, never the sending of a request', () => {
    expect(isRescuable(path)).toBe(true);
    expect(isRescuable('/sv/request/situation')).toBe(true);
    expect(isRescuable('/sv/request/check')).toBe(false);
    expect(isRescuable('/sv/my/consents/0b6f7c1e-0000-4000-8000-000000000001')).toBe(false);
  });

  it('an expired but genuine cookie tells whose session it was; a forged one tells nothing', async () => {
    const owner = { kind: 'staff' as const, staffAccountId: await staffId('Rasmus Regionsson') };
    const { token } = await startSession(database.db, owner, fixedClock('2026-11-23T08:00:00Z'));
    expect(await inspectSession(database.db, `${token.slice(0, 33)}${'a'.repeat(32)}`, fixedClock('2026-11-23T09:00:00Z'))).toEqual({});
    expect(await inspectSession(database.db, token, fixedClock('2026-11-23T09:00:00Z'))).toEqual({ expiredOwner: owner });
    // Deleted on sight: the same cookie later tells nothing.
    expect(await inspectSession(database.db, token, fixedClock('2026-11-23T09:01:00Z'))).toEqual({});
  });

  it('is given back once, to the same owner and page, with a decision turned into a save', async () => {
    const rasmus = { kind: 'staff' as const, staffAccountId: await staffId('Rasmus Regionsson') };
    const karin = { kind: 'staff' as const, staffAccountId: await staffId('Karin Kommunsson') };
    const form = new FormData();
    form.append('otherMatters', 'Skrivet före timeout');
    form.append('intent', 'offer');
    await keepForm(database.db, rasmus, path, form, new Date('2026-11-23T10:00:00Z'));
    expect(await takeForm(database.db, karin, path, new Date('2026-11-23T10:05:00Z'))).toBeUndefined();
    expect(await takeForm(database.db, rasmus, '/sv/request/situation', new Date('2026-11-23T10:05:00Z'))).toBeUndefined();
    const back = await takeForm(database.db, rasmus, path, new Date('2026-11-23T10:05:00Z'));
    expect([...back!.entries()]).toEqual([['otherMatters', 'Skrivet före timeout'], ['intent', 'save']]);
    expect(await takeForm(database.db, rasmus, path, new Date('2026-11-23T10:06:00Z'))).toBeUndefined();
  });

  it('is gone after the longest a session may last', async () => {
    const rasmus = { kind: 'staff' as const, staffAccountId: await staffId('Rasmus Regionsson') };
    await keepForm(database.db, rasmus, path, new FormData(), new Date('2026-11-23T10:00:00Z'));
    expect(await takeForm(database.db, rasmus, path, new Date('2026-11-23T22:00:01Z'))).toBeUndefined();
  });
});
