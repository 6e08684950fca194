/**
 * SQL for SIP-kollen. Invitations are person-linked (to show them on the person's page) and stay until
 * they expire, used or not; a used invitation is marked by its MAC only; answers wait sealed in the pool
 * and are released in shuffled batches of at least k, keeping the agreement and a quarter only.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Question } from './feedback.domain.ts';

/** The agreement's own questions, or the default set when it has none. */
export async function questionsFor(db: Kysely<Database>, agreementId: string | null): Promise<Question[]> {
  const rows = await db
    .selectFrom('feedback_question')
    .select(['key', 'kind', 'texts', 'agreement_id as agreementId', 'position'])
    .where((eb) => (agreementId ? eb.or([eb('agreement_id', '=', agreementId), eb('agreement_id', 'is', null)]) : eb('agreement_id', 'is', null)))
    .orderBy('position')
    .execute();
  const own = rows.filter((r) => r.agreementId !== null);
  return (own.length > 0 ? own : rows).map((r) => ({ key: r.key, kind: r.kind, texts: r.texts }));
}

export async function insertInvitations(db: Kysely<Database>, rows: { meetingId: string; personId: string | null; email: string | null; tokenHash: string; expiresAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('feedback_invitation')
    .values(rows.map((r) => ({ meeting_id: r.meetingId, person_id: r.personId, email: r.email, token_hash: r.tokenHash, expires_at: r.expiresAt })))
    .execute();
}

export interface OpenInvitationRow {
  id: string;
  meetingId: string;
  tokenHash: string;
  meetingKind: 'initial' | 'followUp';
  meetingStartsAt: Date;
  planId: string;
  reference: string;
}

function openInvitations(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('feedback_invitation as fi')
    .innerJoin('meeting as m', 'm.id', 'fi.meeting_id')
    .innerJoin('plan as pl', 'pl.id', 'm.plan_id')
    .select(['fi.id', 'fi.meeting_id as meetingId', 'fi.token_hash as tokenHash', 'm.kind as meetingKind', 'm.starts_at as meetingStartsAt', 'pl.id as planId', 'pl.reference'])
    .where('fi.expires_at', '>', now);
}

/** Open invitations to this person (on "My SIP"). */
export async function invitationsFor(db: Kysely<Database>, personId: string, now: Date): Promise<OpenInvitationRow[]> {
  return openInvitations(db, now).where('fi.person_id', '=', personId).orderBy('m.starts_at', 'desc').execute();
}

export async function invitationById(db: Kysely<Database>, id: string, now: Date): Promise<(OpenInvitationRow & { personId: string | null }) | undefined> {
  return openInvitations(db, now).select('fi.person_id as personId').where('fi.id', '=', id).executeTakeFirst();
}

export async function invitationByHash(db: Kysely<Database>, tokenHash: string, now: Date): Promise<OpenInvitationRow | undefined> {
  return openInvitations(db, now).where('fi.token_hash', '=', tokenHash).executeTakeFirst();
}

/** The used marks among `macs` (either half of the used set; see rotateUsedTokens). */
export async function usedMacs(db: Kysely<Database>, macs: readonly string[]): Promise<Set<string>> {
  if (macs.length === 0) return new Set();
  const rows = await db
    .selectFrom('feedback_used_token')
    .select('mac')
    .where('mac', 'in', macs)
    .unionAll(db.selectFrom('feedback_used_token_previous').select('mac').where('mac', 'in', macs))
    .execute();
  return new Set(rows.map((r) => r.mac));
}

/**
 * Serialises SIP-kollen's writes (answers, releases, rotation of the used set) for the rest of the
 * transaction: a mark is checked and set without a race, and a release sees every pooled answer.
 */
export async function lockFeedback(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ':sip-kollen'))`.execute(db);
}

/**
 * Retention of the used marks, which carry no time: the older half is dropped and the newer half becomes
 * the older, in one statement each. Returns how many marks were dropped.
 */
export async function rotateUsedTokens(db: Kysely<Database>): Promise<number> {
  await lockFeedback(db);
  const dropped = await db.deleteFrom('feedback_used_token_previous').executeTakeFirst();
  await sql`with moved as (delete from feedback_used_token returning mac)
    insert into feedback_used_token_previous (mac) select mac from moved on conflict do nothing`.execute(db);
  return Number(dropped.numDeletedRows);
}

/** The agreement an answer about this meeting counts under (the plan's lead principal's, else any of its principals'). */
export async function agreementOfMeeting(db: Kysely<Database>, meetingId: string): Promise<string | null> {
  const row = await db
    .selectFrom('meeting as m')
    .innerJoin('plan as p', 'p.id', 'm.plan_id')
    .select((eb) => [
      eb.fn.coalesce(
        eb.selectFrom('principal as lp').select('lp.agreement_id').whereRef('lp.id', '=', 'p.lead_principal_id'),
        eb.selectFrom('plan_principal as pp').innerJoin('principal as pr', 'pr.id', 'pp.principal_id').select('pr.agreement_id')
          .whereRef('pp.plan_id', '=', 'p.id').where('pr.agreement_id', 'is not', null).orderBy('pr.agreement_id').limit(1),
      ).as('agreementId'),
    ])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  return row?.agreementId ?? null;
}

/**
 * Marks an invitation used (its MAC only). False when it was already marked (in either half).
 * Call under lockFeedback.
 */
export async function markUsed(db: Kysely<Database>, mac: string): Promise<boolean> {
  if ((await usedMacs(db, [mac])).size > 0) return false;
  const used = await db.insertInto('feedback_used_token').values({ mac }).onConflict((oc) => oc.doNothing()).returning('mac').execute();
  return used.length > 0;
}

/** Puts a sealed answer into the pool. */
export async function poolAnswer(db: Kysely<Database>, agreementId: string | null, sealed: string): Promise<void> {
  await db.insertInto('feedback_answer_pool').values({ agreement_id: agreementId, sealed }).execute();
}

/** The agreements with at least `min` pooled answers. */
export async function fullPools(db: Kysely<Database>, min: number): Promise<(string | null)[]> {
  const rows = await db.selectFrom('feedback_answer_pool').select('agreement_id').groupBy('agreement_id').having((eb) => eb.fn.countAll(), '>=', min).execute();
  return rows.map((r) => r.agreement_id);
}

/** Takes every pooled answer of one agreement out of the pool (deleted; the caller releases them). */
export async function takePool(db: Kysely<Database>, agreementId: string | null): Promise<string[]> {
  const rows = await db
    .deleteFrom('feedback_answer_pool')
    .where((eb) => (agreementId === null ? eb('agreement_id', 'is', null) : eb('agreement_id', '=', agreementId)))
    .returning('sealed')
    .execute();
  return rows.map((r) => r.sealed);
}

/** Writes a released batch in the order given (one statement: one transaction id, places in that order). */
export async function insertAnswers(db: Kysely<Database>, agreementId: string | null, quarter: string, batch: readonly { answers: Record<string, number | 'dontKnow'>; freeText: string }[]): Promise<void> {
  if (batch.length === 0) return;
  await db
    .insertInto('feedback_answer')
    .values(batch.map((a) => ({ agreement_id: agreementId, quarter, answers: JSON.stringify(a.answers), free_text: a.freeText })))
    .execute();
}

/** Expired invitations are deleted (the jobs runner), used or not. */
export async function purgeExpired(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db.deleteFrom('feedback_invitation').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
