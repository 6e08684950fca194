/**
 * The staff inbox a page at a time (a unit may take part in thousands of open plans): the pages together
 * hold every open plan once, a page past the end gives the last one, and the count is the records' count;
 * past the count's cap the page says "more than" and still links to the next page until the last.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { generateSynthetic } from '../../db/synthetic.ts';
import { DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import type { Actor } from '../../src/features/access/access.domain.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { INBOX_PAGE_SIZE, inbox } from '../../src/features/plan/inbox.service.ts';
import { openPlansPage } from '../../src/features/plan/inbox.repository.ts';
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

let karin: Actor;
let expected: number;

it('pages through every open plan once, oldest first, and clamps a page past the end', async () => {
  const db = database.db;
  const hsa = DEMO_STAFF.find((s) => s.givenName === 'Karin')!.hsaId;
  const { id } = await db.selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
  karin = (await loadActor(db, { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, clock, demoRegisterGuardianships(db))).actor;
  if (karin.kind !== 'staff') throw new Error('staff expected');
  const units = [...karin.unitIds];
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from plan p
    where p.status <> 'closed' and (p.coordinator_staff_account_id = ${id} or p.id in (select plan_id from plan_unit where unit_id in (${sql.join(units)})))`.execute(db);
  expected = Number(rows[0]!.n);
  expect(expected).toBeGreaterThan(INBOX_PAGE_SIZE);

  const first = await inbox(db, karin, clock);
  expect(first.planPage).toMatchObject({ page: 1, total: expected, from: 1, to: INBOX_PAGE_SIZE, pages: Math.ceil(expected / INBOX_PAGE_SIZE), hasNext: true });
  const seen: string[] = [];
  for (let page = 1; page <= first.planPage.pages!; page++) {
    const { plans } = await inbox(db, karin, clock, page);
    seen.push(...plans.map((p) => p.id));
    const starts = plans.map((p) => p.clockStartedAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  }
  expect(seen.length).toBe(expected);
  expect(new Set(seen).size).toBe(expected);

  const past = await inbox(db, karin, clock, 10_000);
  expect(past.planPage.page).toBe(first.planPage.pages);
  expect(past.planPage.hasNext).toBe(false);
  expect((await inbox(db, karin, clock, -3)).planPage.page).toBe(1);
}, 120_000);

it('past the count cap says "more than" and follows the next links to the last page, where the count is exact', async () => {
  const db = database.db;
  const cap = INBOX_PAGE_SIZE;
  expect(expected).toBeGreaterThan(cap);
  const first = await inbox(db, karin, clock, 1, cap);
  expect(first.planPage).toMatchObject({ page: 1, total: undefined, pages: undefined, moreThan: cap, from: 1, to: INBOX_PAGE_SIZE, hasNext: true });
  const seen: string[] = [];
  let page = 1;
  for (;;) {
    const { plans, planPage } = await inbox(db, karin, clock, page, cap);
    seen.push(...plans.map((p) => p.id));
    if (planPage.total === undefined) expect(planPage.moreThan).toBeGreaterThanOrEqual(page * INBOX_PAGE_SIZE);
    if (!planPage.hasNext) {
      expect(planPage).toMatchObject({ total: expected, pages: page, moreThan: undefined });
      break;
    }
    page++;
  }
  expect(new Set(seen).size).toBe(expected);
  expect(seen.length).toBe(expected);
  const past = await inbox(db, karin, clock, 10_000, cap);
  expect(past.planPage).toMatchObject({ page, total: expected, hasNext: false });
}, 120_000);

it('finds the same pages whichever way it reads them (units in few plans, walked plan by plan, or hashed)', async () => {
  const db = database.db;
  if (karin.kind !== 'staff') throw new Error('staff expected');
  const units = [...karin.unitIds];
  const ways = { few: { fewUnitPlans: 1_000_000, walkUpTo: 1_000_000 }, walked: { fewUnitPlans: 1, walkUpTo: 1_000_000 }, hashed: { fewUnitPlans: 1, walkUpTo: 1 } };
  const pages: Record<string, string[][]> = {};
  for (const [way, tuning] of Object.entries(ways)) {
    pages[way] = [];
    for (const offset of [0, INBOX_PAGE_SIZE, expected]) {
      const { rows, counted } = await openPlansPage(db, units, karin.staffAccountId, { limit: INBOX_PAGE_SIZE, offset }, 2 * INBOX_PAGE_SIZE + 1, tuning);
      expect(counted, `${way} at ${offset}`).toBe(Math.min(expected, 2 * INBOX_PAGE_SIZE + 1));
      pages[way]!.push(rows.map((r) => r.id));
    }
  }
  expect(pages.walked).toEqual(pages.few);
  expect(pages.hashed).toEqual(pages.few);
  expect(pages.few!.flat().length).toBe(Math.min(expected, 2 * INBOX_PAGE_SIZE));
}, 120_000);
