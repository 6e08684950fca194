/**
 * SIP-kollen on the manager dashboard cannot be differenced (issue 18), on PGlite and PostgreSQL: a
 * manager who reads every period's figures, the CSV and the free texts, then one person answers and the
 * jobs run, reads exactly the same — for an answer that waits in the pool and for the answer that fills it
 * (the batch is released into the running quarter, which is not shown until it has ended). Figures are
 * shown only for ended quarters and years of the whole agreement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { generateSynthetic } from '../../db/synthetic.ts';
import { DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import type { Actor } from '../../src/features/access/access.domain.ts';
import { refreshRollup } from '../../src/features/stats/rollup.service.ts';
import { clearStatsCache, dashboard, type Dashboard } from '../../src/features/stats/stats.service.ts';
import { periodChoices } from '../../src/features/stats/period.domain.ts';
import { tableCsv } from '../../src/features/stats/presentation.ts';
import { runJobs } from '../../src/features/follow-up/jobs.service.ts';
import { followUpReminderMail } from '../../src/features/follow-up/reminder-mail.ts';
import { answerSurvey, surveyByToken } from '../../src/features/feedback/feedback.service.ts';
import { newToken } from '../../src/features/feedback/feedback.domain.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';
import { testVault } from '../support/feedback-vault.ts';

let database: AppDatabase;
const db = () => database.db;
const clock = fixedClock('2026-11-23T10:00:00Z');
const K = 5;
const vault = testVault(K);
const t = (key: string, options?: Record<string, unknown>) => `${key}${options ? JSON.stringify(options) : ''}`;

async function staff(sub: string): Promise<Actor> {
  const hsa = DEMO_STAFF.find((s) => s.sub === sub)!.hsaId;
  const { id } = await db().selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
  return (await loadActor(db(), { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, clock, demoRegisterGuardianships(db()))).actor;
}

/** Invitations to answer for held meetings of the agreement's plans, with their tokens (as the mail would carry them). */
async function invite(agreementId: string, n: number): Promise<string[]> {
  const meetings = await db()
    .selectFrom('meeting as m')
    .innerJoin('plan as p', 'p.id', 'm.plan_id')
    .innerJoin('principal as pr', 'pr.id', 'p.lead_principal_id')
    .select(['m.id', 'p.subject_person_id as personId'])
    .where('pr.agreement_id', '=', agreementId)
    .where('m.status', '=', 'held')
    .orderBy('m.id')
    .limit(n)
    .execute();
  expect(meetings).toHaveLength(n);
  const tokens = meetings.map(() => newToken());
  await db()
    .insertInto('feedback_invitation')
    .values(meetings.map((m, i) => ({ meeting_id: m.id, person_id: m.personId, email: null, token_hash: tokens[i]!.hash, expires_at: new Date('2027-01-20T00:00:00Z') })))
    .execute();
  return tokens.map((x) => x.token);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(db(), { activePlan: false, clock });
  await generateSynthetic(db(), 600, clock.now());
  await refreshRollup(db(), clock, { full: true });
  clearStatsCache();
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe(`SIP-kollen on the dashboard cannot be differenced, on ${engine}`, () => {
  it('shows SIP-kollen only for ended quarters and years of the whole agreement', async () => {
    const lena = await staff('demo-manager-lan');
    const shown = async (query: Record<string, string>) => {
      const r = await dashboard(db(), lena, clock, query, K);
      if (!r.ok) throw new Error(r.issue);
      const table = r.dashboard.tables.find((x) => x.id === 'feedback')!;
      // The period's own columns (a 2026 view compares with 2025, which has ended and is shown).
      const own = table.rows.flatMap((row) => row.figures.filter((_, i) => !table.columns[i]!.previous));
      return { counts: own.filter((f) => f.kind !== 'none').length, texts: r.dashboard.texts, released: r.dashboard.feedbackReleased };
    };
    expect(await shown({ period: '2025' })).toMatchObject({ released: true });
    expect((await shown({ period: '2025' })).counts).toBeGreaterThan(0);
    expect((await shown({ period: '2026-Q3' })).counts).toBeGreaterThan(0);
    for (const period of ['2026', '2026-Q4', '2026-11', '2025-07']) expect(await shown({ period })).toEqual({ counts: 0, texts: null, released: false });
    const region = (await db().selectFrom('principal').select('id').where('name', '=', 'Region Exempel').executeTakeFirstOrThrow()).id;
    expect(await shown({ period: '2025', principal: region })).toEqual({ counts: 0, texts: null, released: false });
  });

  it('reads the same figures, CSV and free texts before and after one person answers and the jobs run (pooled, then released)', async () => {
    const lena = await staff('demo-manager-lan');
    const first = await dashboard(db(), lena, clock, {}, K);
    const agreementId = (first as { dashboard: Dashboard }).dashboard.agreement.id;
    const periods = Object.values(periodChoices('2026-11-23')).flat().map((p) => p.key);
    const read = async () => {
      // Computed afresh (the dashboard caches per rollup stamp, and this clock stands still).
      clearStatsCache();
      const out: Record<string, unknown> = {};
      for (const period of periods) {
        const r = await dashboard(db(), lena, clock, { agreement: agreementId, principal: '', period }, K);
        if (!r.ok) throw new Error(r.issue);
        const d = r.dashboard;
        out[period] = { tables: d.tables, texts: d.texts, csv: d.tables.map((table) => tableCsv(table, 'sv', t as never, K, d.previous.key)) };
      }
      return out;
    };
    const tokens = await invite(agreementId, K);
    const releasedBefore = await db().selectFrom('feedback_answer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // Each read equals the one before the answer (and so the first: nothing changes at all).
    const before = await read();
    for (const [i, token] of tokens.entries()) {
      const survey = await surveyByToken(db(), clock, vault, token);
      expect(await answerSurvey(db(), clock, vault, survey, { informed: String(1 + (i % 5)), mattersMost: `Svar nummer ${i} som bara en person skrev` })).toEqual({ ok: true });
      await runJobs(db(), clock, followUpReminderMail, { feedback: vault });
      expect(await read(), `after answer ${i + 1}`).toEqual(before);
    }
    // The fifth answer released the batch, into the running quarter: there, not on the dashboard.
    const released = await db().selectFrom('feedback_answer').select(['quarter', 'free_text']).where('free_text', 'like', 'Svar nummer %').execute();
    expect(released.map((r) => r.quarter)).toEqual(Array(K).fill('2026-Q4'));
    const after = await db().selectFrom('feedback_answer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(releasedBefore.n)).toBe(K);
    // When the quarter has ended, the batch is shown with everything else of the quarter (at least K answers).
    await refreshRollup(db(), fixedClock('2027-01-10T10:00:00Z'));
    const later = await dashboard(db(), lena, fixedClock('2027-01-10T10:00:00Z'), { agreement: agreementId, principal: '', period: '2026-Q4' }, K);
    expect(later.ok && later.dashboard.texts?.filter((x) => x.startsWith('Svar nummer'))).toHaveLength(K);
  }, 240_000);
});
