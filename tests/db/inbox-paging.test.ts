/**
 * The staff inbox a page at a time (a unit may take part in thousands of open plans): the pages together
 * hold every open plan once, a page past the end gives the last one, and the count is the records' count.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { generateSynthetic } from '../../db/synthetic.ts';
import { DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { INBOX_PAGE_SIZE, inbox } from '../../src/features/plan/plan.service.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase } from '../support/db.ts';

let database: AppDatabase;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { activePlan: false, clock });
  await generateSynthetic(database.db, 400, clock.now());
}, 300_000);
afterAll(async () => {
  await database?.close();
});

it('pages through every open plan once, oldest first, and clamps a page past the end', async () => {
  const db = database.db;
  const hsa = DEMO_STAFF.find((s) => s.givenName === 'Karin')!.hsaId;
  const { id } = await db.selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
  const karin = (await loadActor(db, { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, clock, demoRegisterGuardianships(db))).actor;
  if (karin.kind !== 'staff') throw new Error('staff expected');
  const units = [...karin.unitIds];
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from plan p
    where p.status <> 'closed' and (p.coordinator_staff_account_id = ${id} or p.id in (select plan_id from plan_unit where unit_id in (${sql.join(units)})))`.execute(db);
  const expected = Number(rows[0]!.n);
  expect(expected).toBeGreaterThan(INBOX_PAGE_SIZE);

  const first = await inbox(db, karin, clock);
  expect(first.planPage).toMatchObject({ page: 1, total: expected, from: 1, to: INBOX_PAGE_SIZE, pages: Math.ceil(expected / INBOX_PAGE_SIZE) });
  const seen: string[] = [];
  for (let page = 1; page <= first.planPage.pages; page++) {
    const { plans } = await inbox(db, karin, clock, page);
    seen.push(...plans.map((p) => p.id));
    const starts = plans.map((p) => p.clockStartedAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  }
  expect(seen.length).toBe(expected);
  expect(new Set(seen).size).toBe(expected);

  const past = await inbox(db, karin, clock, 10_000);
  expect(past.planPage.page).toBe(first.planPage.pages);
  expect((await inbox(db, karin, clock, -3)).planPage.page).toBe(1);
}, 120_000);
