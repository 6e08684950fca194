/**
 * The manager dashboard on a real database (PGlite and PostgreSQL): invented plans through the same
 * generator as the benchmarks, the rollup rebuilt by the jobs' code, figures cross-checked against plain
 * counts of the records, access by principal, and no shown count under the threshold for any filter.
 */
import { sql } from 'kysely';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { generateSynthetic } from '../../db/synthetic.ts';
import { DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { AccessDenied, type Actor } from '../../src/features/access/access.domain.ts';
import { refreshRollup } from '../../src/features/stats/rollup.service.ts';
import { clearStatsCache, dashboard, rewarmStats, type Dashboard } from '../../src/features/stats/stats.service.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase } from '../support/db.ts';

let database: AppDatabase;
const db = () => database.db;
const clock = fixedClock('2026-11-23T10:00:00Z');
const K = 5;

async function staff(sub: string): Promise<Actor> {
  const hsa = DEMO_STAFF.find((s) => s.sub === sub)!.hsaId;
  const { id } = await db().selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
  return (await loadActor(db(), { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, clock, demoRegisterGuardianships(db()))).actor;
}

const idOf = async (name: string) => (await db().selectFrom('principal').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const figure = (d: Dashboard, table: string, row: string, column: string) => {
  const t = d.tables.find((x) => x.id === table)!;
  const r = t.rows.find((x) => x.key === row)!;
  return r.figures[t.columns.findIndex((c) => c.key === column)]!;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(db(), { activePlan: false, clock });
  await generateSynthetic(db(), 1500, clock.now());
  await refreshRollup(db(), clock, { full: true });
  clearStatsCache();
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('manager dashboard', () => {
  it('counts what the records say (whole agreement, one year)', async () => {
    const lena = await staff('demo-manager-lan');
    const agreementId = (await db().selectFrom('principal').select('agreement_id').where('name', '=', 'Region Exempel').executeTakeFirstOrThrow()).agreement_id!;
    const result = await dashboard(db(), lena, clock, { agreement: agreementId, principal: '', period: '2025' }, K);
    expect(result.ok).toBe(true);
    const d = (result as { dashboard: Dashboard }).dashboard;
    const inYear = (col: string) => sql.raw(`${col} >= '2025-01-01T00:00:00+01:00' and ${col} < '2026-01-01T00:00:00+01:00'`);
    const one = async (q: ReturnType<typeof sql>) => Number(((await q.execute(db())).rows[0] as { n: string }).n);
    const inAgreement = sql`exists (select 1 from plan_principal pp join principal pr on pr.id = pp.principal_id where pp.plan_id = p.id and pr.agreement_id = ${agreementId})`;
    const started = await one(sql`select count(*) as n from plan p where ${inYear('p.created_at')} and ${inAgreement}`);
    const closed = await one(sql`select count(*) as n from plan p where ${inYear('p.closed_at')} and ${inAgreement}`);
    const met = await one(sql`select count(*) as n from goal_assessment g join follow_up f on f.id = g.follow_up_id join plan p on p.id = f.plan_id where ${inYear('f.decided_at')} and g.staff_value = 'met' and ${inAgreement}`);
    const deviations = await one(sql`select count(*) as n from deviation d join principal pr on pr.id = d.principal_id where ${inYear('d.reported_at')} and pr.agreement_id = ${agreementId}`);
    const answers = await one(sql`select count(*) as n from feedback_answer where quarter like '2025-%' and agreement_id = ${agreementId} and answers ? 'informed'`);
    expect(started).toBeGreaterThan(50);
    expect(figure(d, 'plans', '', 'started')).toEqual({ kind: 'count', value: started });
    expect(figure(d, 'plans', '', 'closed')).toEqual({ kind: 'count', value: closed });
    expect(figure(d, 'goals', '', 'met')).toEqual({ kind: 'count', value: met });
    expect(figure(d, 'deviations', '', 'reported')).toEqual({ kind: 'count', value: deviations });
    expect(figure(d, 'feedback', 'informed', 'n')).toEqual({ kind: 'count', value: answers });
    // A median is a whole number of days, and a share a percentage.
    expect(figure(d, 'firstMeeting', '', 'median').kind).toBe('days');
    expect(figure(d, 'goals', '', 'metShare').kind).toBe('percent');
  });

  it('shows a manager of one principal that principal only, and refuses the rest', async () => {
    const maria = await staff('demo-manager');
    const kommun = await idOf('Exempelby kommun');
    const region = await idOf('Region Exempel');
    const mine = await dashboard(db(), maria, clock, {}, K);
    expect(mine.ok && mine.dashboard.scope).toBe(kommun);
    expect(mine.ok && mine.dashboard.scopes.map((s) => s.key)).toEqual([kommun]);
    expect(mine.ok && mine.dashboard.breakdowns).not.toContain('principal');
    await expect(dashboard(db(), maria, clock, { principal: region }, K)).rejects.toBeInstanceOf(AccessDenied);
    await expect(dashboard(db(), maria, clock, { principal: '' }, K)).rejects.toBeInstanceOf(AccessDenied);
    const skogsby = (await db().selectFrom('principal').select('agreement_id').where('name', '=', 'Skogsby kommun').executeTakeFirstOrThrow()).agreement_id!;
    await expect(dashboard(db(), maria, clock, { agreement: skogsby }, K)).rejects.toBeInstanceOf(AccessDenied);
    await expect(dashboard(db(), maria, clock, { agreement: 'not-a-uuid' }, K)).rejects.toBeInstanceOf(AccessDenied);
    const rasmus = await staff('demo-staff-region');
    await expect(dashboard(db(), rasmus, clock, {}, K)).rejects.toBeInstanceOf(AccessDenied);
    // A principal's own figures are its row in the agreement's breakdown, hidden the same way.
    const lena = await staff('demo-manager-lan');
    const all = await dashboard(db(), lena, clock, { principal: '', breakdown: 'principal', period: '2026-Q1' }, K);
    const own = await dashboard(db(), maria, clock, { period: '2026-Q1' }, K);
    expect(all.ok && own.ok).toBe(true);
    if (all.ok && own.ok) expect(figure(own.dashboard, 'plans', '', 'started')).toEqual(figure(all.dashboard, 'plans', kommun, 'started'));
  });

  it('says what is wrong with a period or breakdown instead of failing', async () => {
    const lena = await staff('demo-manager-lan');
    for (const [query, issue] of [
      [{ from: '2026-06', to: '2026-01' }, 'inverted'],
      [{ from: '2001-01', to: '2026-12' }, 'tooLong'],
      [{ period: '2031' }, 'future'],
      [{ period: 'x' }, 'unknown'],
      [{ breakdown: 'person' }, 'breakdown'],
    ] as const) {
      const result = await dashboard(db(), lena, clock, query, K);
      expect(result.ok ? 'ok' : result.issue).toBe(issue);
    }
  });

  it('never shows a count under the threshold, whatever the filters', async () => {
    const lena = await staff('demo-manager-lan');
    const principals = ['', ...(await Promise.all(['Exempelby kommun', 'Region Exempel', 'Exempelby skolförvaltning'].map(idOf)))];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...principals),
        fc.constantFrom('none', 'principal', 'unit', 'scope', 'age'),
        fc.constantFrom('2026', '2025', '2024', '2026-Q3', '2025-Q1', '2026-10', '2025-07', '2023-02'),
        async (principal, breakdown, period) => {
          const result = await dashboard(db(), lena, clock, { principal, breakdown: principal !== '' && breakdown === 'principal' ? 'none' : breakdown, period }, K);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          for (const t of result.dashboard.tables) {
            for (const r of t.rows) {
              for (const f of r.figures) if (f.kind === 'count') expect(f.value === 0 || f.value >= K, `${t.id} ${r.key}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('shows free texts in alphabetical order only for a group of at least the threshold, and rewarms the views asked for', async () => {
    const lena = await staff('demo-manager-lan');
    const agreementId = (await db().selectFrom('principal').select('agreement_id').where('name', '=', 'Region Exempel').executeTakeFirstOrThrow()).agreement_id!;
    const result = await dashboard(db(), lena, clock, { agreement: agreementId, principal: '', period: '2025' }, K);
    const d = (result as { dashboard: Dashboard }).dashboard;
    const texts = await db().selectFrom('feedback_answer').select('free_text').where('agreement_id', '=', agreementId).where('quarter', 'like', '2025-%').where('free_text', '<>', '').execute();
    expect(texts.length).toBeGreaterThan(0);
    expect(d.texts).toEqual(texts.map((t) => t.free_text).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 200));
    // A quarter with answers, asked with a threshold above its count: no texts.
    const quarter = await db().selectFrom('feedback_answer').select(['quarter']).select((eb) => eb.fn.countAll<number>().as('n')).where('agreement_id', '=', agreementId).groupBy('quarter').orderBy('quarter').executeTakeFirstOrThrow();
    const few = await dashboard(db(), lena, clock, { agreement: agreementId, principal: '', period: quarter.quarter }, Number(quarter.n) + 1);
    expect((few as { dashboard: Dashboard }).dashboard.texts).toBeNull();
    // The views asked for are computed again after a rebuild (here: the two above).
    await refreshRollup(db(), clock);
    expect(await rewarmStats(db(), clock)).toBeGreaterThanOrEqual(2);
    // A day later nobody has asked: nothing to rewarm.
    expect(await rewarmStats(db(), fixedClock('2026-11-24T11:00:00Z'))).toBe(0);
  });

  it('keeps the months before the retention horizon as counted (removing old plans does not shrink history)', async () => {
    const before = await db().selectFrom('stats_cell').select((eb) => eb.fn.sum<number>('n').as('n')).where('month', '<=', '2025-06').executeTakeFirstOrThrow();
    const result = await refreshRollup(db(), clock, { full: true, keepCountedBefore: new Date('2025-06-15T00:00:00Z') });
    expect(result.months).toBe(17); // 2025-07 … 2026-11
    const after = await db().selectFrom('stats_cell').select((eb) => eb.fn.sum<number>('n').as('n')).where('month', '<=', '2025-06').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
