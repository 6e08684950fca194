/**
 * SIP-kollen against a database administrator (issue 18), on PGlite and PostgreSQL. Realistic data — one
 * agreement, plans with different sets of principals, initial and follow-up meetings in different months,
 * a SIP-kollen invitation per person, a login audit event just before each answer — and then the DBA's
 * attacks, written as they would run them:
 * (a) one snapshot: the join of answers with held meetings, plans, principals and invitations, using
 *     every fact an answer row keeps, must leave at least k people for every answer;
 * (b) two snapshots straddling one answer: nothing in the difference belongs to that answer (no id of the
 *     person, plan, meeting, invitation or token, no removed invitation, no single new answer row);
 * (c) physical order: rows released together share one transaction id (xmin), so "the last login before
 *     this row was written" names the same person for a whole batch, and their places (ctid) are shuffled.
 * The attacker reads whatever columns the table has, so the same test ran against the code before this
 * change (see docs/feedback-anonymity.md for what it found there).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { answerSurvey, surveyByToken } from '../../src/features/feedback/feedback.service.ts';
import { newToken } from '../../src/features/feedback/feedback.domain.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';
import { testVault } from '../support/feedback-vault.ts';

let database: AppDatabase;
const db = () => database.db;
const K = 5;
const vault = testVault(K);
const PEOPLE = 42;
const FEEDBACK_TABLES = ['feedback_invitation', 'feedback_used_token', 'feedback_used_token_previous', 'feedback_answer', 'feedback_answer_pool'];

interface Invitee { personId: string; planId: string; meetingId: string; invitationId: string; tokenHash: string; token: string }
const invitees: Invitee[] = [];
/** What the test knows and the attacker does not: who wrote which free text. */
const authorOf = new Map<string, string>();

async function seedWorld(): Promise<void> {
  const { id: agreementId } = await db().insertInto('agreement').values({ name: 'Länet', first_contact_days: 5, first_meeting_days: 30, local_first_meeting_days: null }).returning('id').executeTakeFirstOrThrow();
  const principal = async (kind: 'region' | 'municipality' | 'school', name: string) =>
    (await db().insertInto('principal').values({ kind, name, agreement_id: agreementId }).returning('id').executeTakeFirstOrThrow()).id;
  const [r, m, s] = [await principal('region', 'Regionen'), await principal('municipality', 'Kommunen'), await principal('school', 'Skolan')];
  const sets = [[r], [r, m], [m], [r, m, s], [m, s]];
  for (let i = 0; i < PEOPLE; i++) {
    const { id: personId } = await db().insertInto('person').values({ personal_identity_number: `19900101${1000 + i}`, given_name: `P${i}`, family_name: 'Test', birth_date: '1990-01-01' }).returning('id').executeTakeFirstOrThrow();
    const held = new Date(Date.UTC(2027, 0, 10 + (i % 30), 9));
    const set = sets[i % sets.length]!;
    const { id: planId } = await db()
      .insertInto('plan')
      .values({ reference: `SIP-${i}`, subject_person_id: personId, request_id: null, scope: 'regional', status: 'active', clock_started_at: held, first_contact_days: 5, first_meeting_days: 30, draft: '{}', created_at: held, closed_at: null, closed_reason: null, lead_principal_id: set[0]! })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('plan_principal').values(set.map((p) => ({ plan_id: planId, principal_id: p }))).execute();
    const { id: meetingId } = await db()
      .insertInto('meeting')
      .values({ plan_id: planId, kind: i % 3 === 0 ? 'followUp' : 'initial', starts_at: held, ends_at: held, place_kind: 'service', location: 'Rum 1', status: 'held', ics_uid: `u-${i}`, created_at: held, held_at: held, follow_up_draft: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('invitation').values({ meeting_id: meetingId, kind: 'person', person_id: personId, name: `P${i}`, organisation: null, email: null, substitute: null, answered_at: null, sent_at: held, created_at: held, attended: true, staff_account_id: null }).execute();
    const { token, hash } = newToken();
    const { id: invitationId } = await db()
      .insertInto('feedback_invitation')
      .values({ meeting_id: meetingId, person_id: personId, email: null, token_hash: hash, expires_at: new Date(held.getTime() + 60 * 86_400_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    invitees.push({ personId, planId, meetingId, invitationId, tokenHash: hash, token });
  }
}

/** Person i logs in (an audit event, as the portal writes it) and answers, with a free text only they wrote. */
async function answer(i: number): Promise<void> {
  const who = invitees[i]!;
  const clock = fixedClock(new Date(Date.UTC(2027, 2, 1, 8) + i * 3_600_000));
  await db().insertInto('audit_event').values({ actor_kind: 'person', actor_id: who.personId, action: 'session.login', subject_person_id: who.personId, record_type: null, record_id: null, context: null, occurred_at: clock.now() }).execute();
  const text = `Svar från person ${i}`;
  authorOf.set(text, who.personId);
  const survey = await surveyByToken(db(), clock, vault, who.token);
  expect(await answerSurvey(db(), clock, vault, survey, { informed: String(1 + (i % 5)), together: String(1 + ((i * 7) % 5)), mattersMost: text })).toEqual({ ok: true });
}

type Row = { row: Record<string, unknown>; ctid: string; xmin: string };

/** Everything the DBA can read of SIP-kollen's tables: every row with its physical place and transaction id. */
async function snapshot(): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  const existing = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema()`.execute(db());
  for (const table of FEEDBACK_TABLES) {
    if (!existing.rows.some((r) => r.table_name === table)) continue;
    const { rows } = await sql<Row>`select to_jsonb(t) as row, t.ctid::text as ctid, t.xmin::text as xmin from ${sql.table(table)} t`.execute(db());
    out[table] = rows;
  }
  return out;
}

function difference(before: Record<string, Row[]>, after: Record<string, Row[]>) {
  const key = (r: Row) => JSON.stringify(r.row);
  const out: Record<string, { added: Row[]; removed: Row[] }> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = new Set((before[table] ?? []).map(key));
    const a = new Set((after[table] ?? []).map(key));
    out[table] = { added: (after[table] ?? []).filter((r) => !b.has(key(r))), removed: (before[table] ?? []).filter((r) => !a.has(key(r))) };
  }
  return out;
}

const monthOf = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).format(d);
const quarterOf = (d: Date) => `${monthOf(d).slice(0, 4)}-Q${Math.ceil(Number(monthOf(d).slice(5, 7)) / 3)}`;

/**
 * The DBA's one-snapshot join: for an answer row, the people invited to a held meeting whose plan, meeting
 * and invitation agree with every fact the row keeps (agreement; and where the table has them: principal
 * set, meeting kind, month, quarter). An invitee whose SIP-kollen invitation is gone while others of the
 * same kind remain has answered (the old code deleted an invitation when it was used): then only those.
 */
async function candidates(answerRow: Record<string, unknown>): Promise<Set<string>> {
  const { rows } = await sql<{ person_id: string; kind: string; held_at: Date; agreement_id: string; principals: string[]; fi_id: string | null }>`
    select i.person_id, m.kind, m.held_at, lp.agreement_id,
      (select array_agg(pp.principal_id::text order by pp.principal_id::text) from plan_principal pp where pp.plan_id = p.id) as principals,
      (select fi.id from feedback_invitation fi where fi.meeting_id = m.id and fi.person_id = i.person_id) as fi_id
    from meeting m join plan p on p.id = m.plan_id join principal lp on lp.id = p.lead_principal_id
    join invitation i on i.meeting_id = m.id and i.kind in ('person', 'relative')
    where m.status = 'held'`.execute(db());
  const consistent = rows.filter((r) => {
    const held = new Date(r.held_at);
    if (r.agreement_id !== answerRow.agreement_id) return false;
    if ('principal_ids' in answerRow && [...(answerRow.principal_ids as string[])].sort().join() !== [...r.principals].sort().join()) return false;
    if ('meeting_kind' in answerRow && answerRow.meeting_kind !== r.kind) return false;
    if ('month' in answerRow && !(monthOf(held) <= (answerRow.month as string) && (answerRow.month as string) <= monthOf(new Date(held.getTime() + 60 * 86_400_000)))) return false;
    if ('quarter' in answerRow && quarterOf(held) > (answerRow.quarter as string)) return false;
    return true;
  });
  const gone = consistent.filter((r) => r.fi_id === null);
  return new Set((gone.length > 0 ? gone : consistent).map((r) => r.person_id));
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedWorld();
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe(`SIP-kollen against a database administrator, on ${engine}`, () => {
  it('(b) two snapshots around one answer: nothing in the difference belongs to it', async () => {
    const before = await snapshot();
    await answer(0);
    const diff = difference(before, await snapshot());
    const who = invitees[0]!;
    // No invitation removed or changed (the old code deleted the used one: who had answered).
    expect(diff.feedback_invitation).toEqual({ added: [], removed: [] });
    // No answer row on its own: it waits in the pool, sealed.
    expect(diff.feedback_answer!.added).toEqual([]);
    const shown = JSON.stringify(diff);
    for (const secret of [who.personId, who.planId, who.meetingId, who.invitationId, who.tokenHash, who.token, 'Svar från person 0']) expect(shown).not.toContain(secret);
  });

  it('(b) two snapshots around the answer that fills the pool: a batch of at least k appears at once, in one transaction', async () => {
    for (let i = 1; i < K - 1; i++) await answer(i);
    const before = await snapshot();
    await answer(K - 1);
    const diff = difference(before, await snapshot());
    const who = invitees[K - 1]!;
    expect(diff.feedback_invitation).toEqual({ added: [], removed: [] });
    const added = diff.feedback_answer!.added;
    expect(added.length).toBeGreaterThanOrEqual(K);
    expect(new Set(added.map((r) => r.xmin)).size).toBe(1);
    const shown = JSON.stringify({ ...diff, feedback_answer: undefined });
    for (const secret of [who.personId, who.planId, who.meetingId, who.invitationId, who.tokenHash, who.token]) expect(shown).not.toContain(secret);
    // The answer row holds nothing but agreement, quarter and the answers.
    expect(Object.keys(added[0]!.row).sort()).toEqual(['agreement_id', 'answers', 'free_text', 'id', 'quarter']);
  });

  it('(a) one snapshot: the join over meetings, plans, principals and invitations leaves at least k people for every answer', async () => {
    for (let i = K; i < PEOPLE - 2; i++) await answer(i);
    const { rows } = await sql<{ row: Record<string, unknown> }>`select to_jsonb(a) as row from feedback_answer a`.execute(db());
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const { row } of rows) {
      const people = await candidates(row);
      // The attack is sound: the author is among them …
      expect(people.has(authorOf.get(row.free_text as string)!)).toBe(true);
      // … and hidden among at least k.
      expect(people.size, `answer "${row.free_text}"`).toBeGreaterThanOrEqual(K);
    }
  });

  it('(c) physical order: a released batch shares one transaction id, so the last login before it names one person for the whole batch; places are shuffled', async () => {
    const answers = (await snapshot()).feedback_answer!;
    const logins = await sql<{ person: string; xmin: string }>`select subject_person_id as person, xmin::text as xmin from audit_event where action = 'session.login'`.execute(db());
    const lastLoginBefore = (xmin: string) => logins.rows.filter((l) => Number(l.xmin) < Number(xmin)).sort((a, b) => Number(b.xmin) - Number(a.xmin))[0]?.person;
    const batches = Map.groupBy(answers, (r) => r.xmin);
    expect(batches.size).toBeGreaterThanOrEqual(6);
    let guessedRight = 0;
    let lastAnswererLast = 0;
    for (const batch of batches.values()) {
      expect(batch.length).toBeGreaterThanOrEqual(K);
      const guesses = new Set(batch.map((r) => lastLoginBefore(r.xmin)));
      expect(guesses.size).toBe(1);
      guessedRight += batch.filter((r) => lastLoginBefore(r.xmin) === authorOf.get(r.row.free_text as string)).length;
      // Is the last answerer's row the last one physically?
      const byPlace = [...batch].sort((a, b) => place(a.ctid) - place(b.ctid));
      if (authorOf.get(byPlace.at(-1)!.row.free_text as string) === [...guesses][0]) lastAnswererLast++;
    }
    // One right guess per batch at most: no better than picking one of k at random.
    expect(guessedRight).toBeLessThanOrEqual(batches.size);
    // Written in answer order, the last answerer would be last every time ((1/k)^batches by chance).
    expect(lastAnswererLast).toBeLessThan(batches.size);
  });

  it('two answers on one link at once: exactly one is taken (the used mark is checked and set under one lock)', async () => {
    const who = invitees[PEOPLE - 1]!;
    const clock = fixedClock('2027-03-04T08:00:00Z');
    const survey = await surveyByToken(db(), clock, vault, who.token);
    const outcomes = await Promise.all([1, 2].map((n) => answerSurvey(db(), clock, vault, survey, { informed: String(n) })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && 'used' in o)).toHaveLength(1);
    expect((await surveyByToken(db(), clock, vault, who.token)).state).toBe('used');
  });

  it('an answer sealed under another key (FEEDBACK_POOL_KEY changed) is dropped and does not block the pool', async () => {
    const { agreement_id: agreementId } = await db().selectFrom('feedback_answer_pool').select('agreement_id').executeTakeFirstOrThrow();
    const old = testVault(K, 2);
    for (let i = 0; i < K - 1; i++) await db().insertInto('feedback_answer_pool').values({ agreement_id: agreementId, sealed: old.keys.seal({ answers: { informed: 3 }, freeText: '' }, agreementId) }).execute();
    const released = await db().selectFrom('feedback_answer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await answer(PEOPLE - 2);
    // The pool was full (K + 1 rows) but only two could be opened: those wait for more, the rest are gone.
    expect(await db().selectFrom('feedback_answer_pool').selectAll().execute()).toHaveLength(2);
    expect(await db().selectFrom('feedback_answer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(released);
  });
});

function place(ctid: string): number {
  const [block, offset] = ctid.slice(1, -1).split(',').map(Number) as [number, number];
  return block * 10_000 + offset;
}
