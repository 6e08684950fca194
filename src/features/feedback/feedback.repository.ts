/**
 * SQL for SIP-kollen. Invitations are person-linked (to show them on the person's page) and deleted when
 * used; used tokens keep only the hash; answers keep no person, plan, token or time finer than a month.
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

/** True when the token was used (it is in either half of the used tokens; see rotateUsedTokens). */
export async function tokenUsed(db: Kysely<Database>, tokenHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('feedback_used_token')
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .unionAll(db.selectFrom('feedback_used_token_previous').select('token_hash').where('token_hash', '=', tokenHash))
    .executeTakeFirst();
  return !!row;
}

/**
 * Retention of used tokens, which carry no time: the older half is dropped and the newer half becomes
 * the older, in one statement each. Returns how many hashes were dropped.
 */
export async function rotateUsedTokens(db: Kysely<Database>): Promise<number> {
  const dropped = await db.deleteFrom('feedback_used_token_previous').executeTakeFirst();
  await sql`with moved as (delete from feedback_used_token returning token_hash)
    insert into feedback_used_token_previous (token_hash) select token_hash from moved on conflict do nothing`.execute(db);
  return Number(dropped.numDeletedRows);
}

/** What an answer is filed under: the agreement and the principals of the meeting's plan. */
export async function groupOfMeeting(db: Kysely<Database>, meetingId: string): Promise<{ agreementId: string | null; principalIds: string[]; kind: 'initial' | 'followUp' } | undefined> {
  const meeting = await db.selectFrom('meeting').select(['plan_id', 'kind']).where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) return undefined;
  const principals = await db
    .selectFrom('plan_principal as pp')
    .innerJoin('principal as p', 'p.id', 'pp.principal_id')
    .select(['p.id', 'p.agreement_id as agreementId'])
    .where('pp.plan_id', '=', meeting.plan_id)
    .execute();
  return { agreementId: principals.find((p) => p.agreementId)?.agreementId ?? null, principalIds: principals.map((p) => p.id), kind: meeting.kind };
}

/**
 * Uses the right to answer: the invitation row goes, only the token's hash is kept as used, and the
 * answer is written with nothing that points back. False when the token was used in the meantime.
 */
export async function useAndAnswer(
  db: Kysely<Database>,
  tokenHash: string,
  answer: { agreementId: string | null; principalIds: string[]; meetingKind: 'initial' | 'followUp'; month: string; answers: Record<string, number | 'dontKnow'>; freeText: string },
): Promise<boolean> {
  const used = await db.insertInto('feedback_used_token').values({ token_hash: tokenHash }).onConflict((oc) => oc.doNothing()).returning('token_hash').execute();
  if (used.length === 0) return false;
  await db.deleteFrom('feedback_invitation').where('token_hash', '=', tokenHash).execute();
  await db
    .insertInto('feedback_answer')
    .values({ agreement_id: answer.agreementId, principal_ids: answer.principalIds, meeting_kind: answer.meetingKind, month: answer.month, answers: JSON.stringify(answer.answers), free_text: answer.freeText })
    .execute();
  return true;
}

/** Expired invitations are deleted (the jobs runner). */
export async function purgeExpired(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db.deleteFrom('feedback_invitation').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
