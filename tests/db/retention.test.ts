/**
 * Retention (gallring) on a real database (PGlite and PostgreSQL), with an injected clock: what is due is
 * removed with everything that hangs on it, what is not stays, another plan is not touched, the audit log
 * keeps its own longer period (and refuses to lose recent rows), and two runners remove each row once.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import type { RetentionConfig } from '../../src/shared/server/config.ts';
import { recordAudit } from '../../src/shared/server/audit.repository.ts';
import { RETENTION_ACTION, runRetention } from '../../src/features/retention/retention.service.ts';
import { usedMacs } from '../../src/features/feedback/feedback.repository.ts';
import { runJobs } from '../../src/features/follow-up/jobs.service.ts';
import { followUpReminderMail } from '../../src/features/follow-up/reminder-mail.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase } from '../support/db.ts';
import { parties, planGraph, type Parties } from '../support/plan-graph.ts';

const CONFIG: RetentionConfig = { closedPlanMonths: 24, auditMonths: 60, draftDays: 90, sessionDays: 7, feedbackTokenDays: 90 };
const NOW = '2027-06-01T02:00:00Z';
const at = (iso: string) => new Date(iso);

let database: AppDatabase;
let p: Parties;
const db = () => database.db;

/** Every (table, column) that points at a plan, meeting, request or consent: whatever hangs on a plan. */
async function links(): Promise<{ table: string; column: 'plan_id' | 'meeting_id' | 'request_id' | 'consent_id' }[]> {
  const { rows } = await sql<{ table: string; column: 'plan_id' | 'meeting_id' | 'request_id' | 'consent_id' }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() and column_name in ('plan_id', 'meeting_id', 'request_id', 'consent_id')
    order by 1, 2`.execute(db());
  return rows;
}

/** Rows per table that belong to one plan graph (by its plan, meeting, request and consent ids). */
async function rowsOf(graph: Awaited<ReturnType<typeof planGraph>>): Promise<Record<string, number>> {
  const ids = { plan_id: graph.planId, meeting_id: graph.meetingId, request_id: graph.requestId, consent_id: graph.consentId };
  const out: Record<string, number> = {};
  for (const { table, column } of await links()) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${ids[column]}`.execute(db());
    out[`${table}.${column}`] = rows[0]!.n;
  }
  for (const [table, id] of [['plan', graph.planId], ['sip_request', graph.requestId], ['consent', graph.consentId]] as const) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where id = ${id}`.execute(db());
    out[table] = rows[0]!.n;
  }
  return out;
}

const retentionAudits = () => db().selectFrom('audit_event').selectAll().where('action', '=', RETENTION_ACTION).orderBy('id').execute();

beforeAll(async () => {
  database = await createTestDatabase();
  p = await parties(db());
});
afterAll(async () => database?.close());

describe('retention', () => {
  it('removes a plan closed longer ago than the period with everything on it, and touches nothing of another plan', async () => {
    const due = await planGraph(db(), p, at('2025-05-31T10:00:00Z'));
    const recent = await planGraph(db(), p, at('2025-06-02T10:00:00Z'));
    const active = await planGraph(db(), p, null);
    const before = await rowsOf(due);
    // The fixture has a row in every table that hangs on a plan: a new such table fails here until
    // retention (and this fixture) know it.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const keptBefore = [await rowsOf(recent), await rowsOf(active)];
    const answers = await db().insertInto('feedback_answer').values({ agreement_id: null, quarter: '2020-Q1', answers: '{}' }).returning('id').execute();

    const result = await runRetention(db(), fixedClock(NOW), CONFIG);
    expect(result).toMatchObject({ plans: 1, requests: 1 });
    expect(Object.entries(await rowsOf(due)).filter(([, n]) => n > 0)).toEqual([]);
    expect([await rowsOf(recent), await rowsOf(active)]).toEqual(keptBefore);
    // Anonymous SIP-kollen answers are not personal data and stay; so does the person.
    expect(await db().selectFrom('feedback_answer').select('id').where('id', '=', answers[0]!.id).execute()).toHaveLength(1);
    expect(await db().selectFrom('person').select('id').where('id', '=', p.personId).execute()).toHaveLength(1);

    const [entry] = await retentionAudits();
    expect(entry).toMatchObject({ actor_kind: 'system', actor_id: null, subject_person_id: null, record_type: 'retention', record_id: 'plans' });
    expect(JSON.parse(entry!.context!)).toEqual({
      feedback_invitation: 1, goal_assessment: 1, follow_up: 1, follow_up_reminder: 1, deviation: 1, invitation: 1, meeting: 1,
      plan_version: 1, plan_unit: 1, plan_principal: 1, consent_scope_request: 1, plan: 1, consent_requirement: 1, consent: 1, sip_request_principal: 1, sip_request: 1,
    });
  });

  it('is idempotent: a second run removes nothing and writes no audit entry', async () => {
    const audits = (await retentionAudits()).length;
    expect(await runRetention(db(), fixedClock(NOW), CONFIG)).toMatchObject({ plans: 0, requests: 0, drafts: 0, sessions: 0, auditEvents: 0 });
    expect(await retentionAudits()).toHaveLength(audits);
  });

  it('with two runners at once, each due plan is removed and counted exactly once', async () => {
    const graphs = [];
    for (let i = 0; i < 5; i++) graphs.push(await planGraph(db(), p, at('2024-01-15T10:00:00Z')));
    const audits = (await retentionAudits()).length;
    const [a, b] = await Promise.all([runRetention(db(), fixedClock(NOW), CONFIG), runRetention(db(), fixedClock(NOW), CONFIG)]);
    expect(a.plans + b.plans).toBe(5);
    const counted = (await retentionAudits()).slice(audits).filter((e) => e.record_id === 'plans').map((e) => JSON.parse(e.context!).plan as number);
    expect(counted.reduce((s, n) => s + n, 0)).toBe(5);
    for (const g of graphs) expect(await db().selectFrom('plan').select('id').where('id', '=', g.planId).execute()).toEqual([]);
  });

  it('removes requests that ended without a plan or waited for consent past the period, and keeps the rest', async () => {
    const request = (reference: string, status: 'closed' | 'awaitingConsent' | 'sent', createdAt: string, closedAt: string | null) =>
      db()
        .insertInto('sip_request')
        .values({ reference, subject_person_id: p.personId, submitted_by_person_id: p.personId, submitted_as: 'self', status, answers: '{}', idempotency_key: reference, created_at: at(createdAt), closed_at: closedAt ? at(closedAt) : null, closed_reason: closedAt ? 'declined' : null })
        .returning('id')
        .executeTakeFirstOrThrow();
    const declinedLongAgo = await request('D-1', 'closed', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z');
    const declinedRecently = await request('D-2', 'closed', '2025-01-01T00:00:00Z', '2025-08-01T00:00:00Z');
    const waitingLong = await request('W-1', 'awaitingConsent', '2025-03-01T00:00:00Z', null);
    const waitingRecent = await request('W-2', 'awaitingConsent', '2026-03-01T00:00:00Z', null);
    const sentUnanswered = await request('S-1', 'sent', '2024-03-01T00:00:00Z', null);
    expect((await runRetention(db(), fixedClock(NOW), CONFIG)).requests).toBe(2);
    const left = (await db().selectFrom('sip_request').select('id').execute()).map((r) => r.id);
    expect(left).not.toContain(declinedLongAgo.id);
    expect(left).not.toContain(waitingLong.id);
    expect(left).toEqual(expect.arrayContaining([declinedRecently.id, waitingRecent.id, sentUnanswered.id]));
  });

  it('removes old drafts, ended sessions and unfinished logins, and keeps recent ones', async () => {
    await db().insertInto('form_draft').values([
      { person_id: p.personId, form: 'old', data: '{}', updated_at: at('2027-02-01T00:00:00Z') },
      { person_id: p.personId, form: 'new', data: '{}', updated_at: at('2027-05-01T00:00:00Z') },
    ]).execute();
    const session = (id: string, lastSeen: string) => ({ id, secret_hash: new Uint8Array(32), person_id: p.personId, staff_account_id: null, created_at: at(lastSeen), last_seen_at: at(lastSeen) });
    await db().insertInto('session').values([session('ended-long-ago', '2027-05-20T00:00:00Z'), session('ended-yesterday', '2027-05-31T00:00:00Z')]).execute();
    const attempt = (id: string, createdAt: string) => ({ id, secret_hash: new Uint8Array(32), kind: 'citizen' as const, state: 's', nonce: 'n', code_verifier: 'v', return_to: '/sv', locale: 'sv', created_at: at(createdAt) });
    await db().insertInto('login_attempt').values([attempt('a-old', '2027-05-01T00:00:00Z'), attempt('a-new', '2027-05-31T23:00:00Z')]).execute();
    expect(await runRetention(db(), fixedClock(NOW), CONFIG)).toMatchObject({ drafts: 1, sessions: 1, loginAttempts: 1 });
    expect((await db().selectFrom('form_draft').select('form').execute()).map((r) => r.form)).toEqual(['new']);
    expect((await db().selectFrom('session').select('id').execute()).map((r) => r.id)).toEqual(['ended-yesterday']);
    expect((await db().selectFrom('login_attempt').select('id').execute()).map((r) => r.id)).toEqual(['a-new']);
  });

  it('keeps used SIP-kollen tokens for one to two periods, with no time on them', async () => {
    // The runs above (at NOW) made the first rotation; a token used after it is kept 1–2 periods.
    await db().insertInto('feedback_used_token').values({ mac: 'used-once' }).execute();
    const tokenUsed = async (_: unknown, mac: string) => (await usedMacs(db(), [mac])).has(mac);
    const rotate = async (iso: string) => (await runRetention(db(), fixedClock(iso), CONFIG)).usedTokens;
    expect(await rotate('2027-08-01T00:00:00Z')).toBe(0);
    expect(await rotate('2027-09-01T00:00:00Z')).toBe(0); // rotated: now in the older half
    expect(await tokenUsed(db(), 'used-once')).toBe(true);
    expect(await rotate('2027-10-01T00:00:00Z')).toBe(0); // not due again yet
    expect(await tokenUsed(db(), 'used-once')).toBe(true);
    expect(await rotate('2027-12-01T00:00:00Z')).toBe(1);
    expect(await tokenUsed(db(), 'used-once')).toBe(false);
  });

  it('keeps the audit log for its own, longer period, and its rows cannot be removed early or by anyone else', async () => {
    const event = (action: string, when: Date) => recordAudit(db(), { actor: { kind: 'system' }, action, subjectPersonId: p.personId, at: when });
    await event('plan.read', at('2022-05-01T00:00:00Z'));
    await event('plan.read', at('2022-07-01T00:00:00Z'));
    const result = await runRetention(db(), fixedClock(NOW), CONFIG);
    expect(result.auditEvents).toBe(1);
    const left = await db().selectFrom('audit_event').select('occurred_at').where('action', '=', 'plan.read').execute();
    expect(left.map((e) => e.occurred_at.toISOString())).toEqual(['2022-07-01T00:00:00.000Z']);
    expect((await retentionAudits()).at(-1)).toMatchObject({ record_id: 'auditLog', context: '{"audit_event":1}' });
    // Without the retention job's setting, or for a row less than a year old, the trigger refuses.
    await expect(db().deleteFrom('audit_event').where('action', '=', 'plan.read').execute()).rejects.toThrow(/append-only/);
    await event('plan.read', new Date());
    await expect(
      db().transaction().execute(async (trx) => {
        await sql`select set_config('sip.audit_retention', 'on', true)`.execute(trx);
        await trx.deleteFrom('audit_event').where('action', '=', 'plan.read').execute();
      }),
    ).rejects.toThrow(/append-only/);
    await expect(db().updateTable('audit_event').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
  });

  it('runs in the jobs runner when given the configuration', async () => {
    await planGraph(db(), p, at('2024-02-01T10:00:00Z'));
    const result = await runJobs(db(), fixedClock(NOW), followUpReminderMail, { retention: CONFIG });
    expect(result.retention).toMatchObject({ plans: 1 });
  });
});
