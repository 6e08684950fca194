/**
 * SIP-kollen: after each meeting the person and the relatives invited to it are asked (on "My SIP", and
 * by e-mail when there is an address) for anonymous feedback. The answer waits sealed in a pool and is
 * released with at least k others, shuffled, keeping only agreement and quarter; the invitation stays as it
 * was and is marked used by a MAC only (docs/feedback-anonymity.md).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { AccessDenied, type Actor } from '../access/access.domain.ts';
import type { InvitationRow } from '../plan/meeting.repository.ts';
import { ANSWER_DAYS, answerQuarter, looksLikeToken, newToken, shuffled, tokenHash, validateAnswers, type Question } from './feedback.domain.ts';
import type { FeedbackVault } from './feedback-keys.ts';
import * as repo from './feedback.repository.ts';

export interface FeedbackMail {
  to: string;
  token: string;
}

/**
 * Creates the invitations to answer for a meeting that was held: the person and each invited relative
 * (by their account, or only an e-mail address). Call inside the transaction that marks the meeting held;
 * send the returned mails after it commits. The token exists only in the mail and the person's link.
 */
export async function inviteToFeedback(db: Kysely<Database>, meetingId: string, invitations: readonly InvitationRow[], now: Date): Promise<FeedbackMail[]> {
  const expiresAt = new Date(now.getTime() + ANSWER_DAYS * 86_400_000);
  const rows: Parameters<typeof repo.insertInvitations>[1] = [];
  const mails: FeedbackMail[] = [];
  const seen = new Set<string>();
  for (const i of invitations) {
    if (i.kind !== 'person' && i.kind !== 'relative') continue;
    if (!i.personId && !i.email) continue;
    const who = i.personId ?? `mail:${i.email!.toLowerCase()}`;
    if (seen.has(who)) continue;
    seen.add(who);
    const { token, hash } = newToken();
    rows.push({ meetingId, personId: i.personId, email: i.email, tokenHash: hash, expiresAt });
    if (i.email) mails.push({ to: i.email, token });
  }
  await repo.insertInvitations(db, rows);
  return mails;
}

/** Open invitations to answer for the logged-in person (those already answered are left out, found through their MACs). */
export async function myFeedbackInvitations(db: Kysely<Database>, actor: Actor, clock: Clock, vault: FeedbackVault) {
  if (actor.kind !== 'person') return [];
  const open = await repo.invitationsFor(db, actor.personId, clock.now());
  const used = await repo.usedMacs(db, open.map((i) => vault.keys.mac(i.id)));
  return open.filter((i) => !used.has(vault.keys.mac(i.id)));
}

export type Survey =
  | { state: 'open'; questions: Question[]; meetingKind: 'initial' | 'followUp'; meetingStartsAt: Date; tokenHash: string }
  | { state: 'used' }
  | { state: 'unknown' };

async function surveyFor(db: Kysely<Database>, vault: FeedbackVault, invitation: repo.OpenInvitationRow | undefined): Promise<Survey> {
  if (!invitation) return { state: 'unknown' };
  if ((await repo.usedMacs(db, [vault.keys.mac(invitation.id)])).size > 0) return { state: 'used' };
  const agreementId = await repo.agreementOfMeeting(db, invitation.meetingId);
  return { state: 'open', questions: await repo.questionsFor(db, agreementId), meetingKind: invitation.meetingKind, meetingStartsAt: invitation.meetingStartsAt, tokenHash: invitation.tokenHash };
}

/** The survey behind a token from an e-mail (no login: the token is the right to answer). */
export async function surveyByToken(db: Kysely<Database>, clock: Clock, vault: FeedbackVault, token: string): Promise<Survey> {
  if (!looksLikeToken(token)) return { state: 'unknown' };
  return surveyFor(db, vault, await repo.invitationByHash(db, tokenHash(token), clock.now()));
}

/** The survey from the person's own page (logged in; the invitation must be theirs). */
export async function surveyForPerson(db: Kysely<Database>, actor: Actor, clock: Clock, vault: FeedbackVault, invitationId: string): Promise<Survey> {
  if (actor.kind !== 'person') throw new AccessDenied();
  const invitation = isUuid(invitationId) ? await repo.invitationById(db, invitationId, clock.now()) : undefined;
  if (invitation && invitation.personId !== actor.personId) throw new AccessDenied();
  return surveyFor(db, vault, invitation);
}

/**
 * Stores an answer, once. Validation first (out-of-range or no answer at all gets a message, nothing is
 * stored and the link stays usable); then, in one transaction, the invitation is marked used (its MAC),
 * the answer sealed into the pool, and the pool released when it holds a batch.
 */
export async function answerSurvey(db: Kysely<Database>, clock: Clock, vault: FeedbackVault, survey: Survey, raw: Record<string, string>): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] } | { ok: false; used: true }> {
  if (survey.state !== 'open') return { ok: false, used: true };
  const valid = validateAnswers(raw, survey.questions);
  if (!valid.ok) return valid;
  const now = clock.now();
  const done = await db.transaction().execute(async (trx) => {
    await repo.lockFeedback(trx);
    const invitation = await repo.invitationByHash(trx, survey.tokenHash, now);
    if (!invitation || !(await repo.markUsed(trx, vault.keys.mac(invitation.id)))) return false;
    const agreementId = await repo.agreementOfMeeting(trx, invitation.meetingId);
    await repo.poolAnswer(trx, agreementId, vault.keys.seal(valid.value, agreementId));
    await releaseFull(trx, vault, now);
    return true;
  });
  return done ? { ok: true } : { ok: false, used: true };
}

/**
 * Releases every pool that holds a batch (at least `vault.batch` answers of one agreement): opened,
 * shuffled and written in one statement, filed under the quarter of the release. An answer sealed under
 * another key (FEEDBACK_POOL_KEY changed) cannot be opened and is dropped, so it cannot block the pool;
 * if that leaves fewer than a batch, the rest go back into the pool. Call under lockFeedback, inside a
 * transaction. Returns how many answers were released.
 */
async function releaseFull(trx: Kysely<Database>, vault: FeedbackVault, now: Date): Promise<number> {
  let released = 0;
  for (const agreementId of await repo.fullPools(trx, vault.batch)) {
    const batch = (await repo.takePool(trx, agreementId)).flatMap((sealed) => {
      try {
        return [vault.keys.open(sealed, agreementId)];
      } catch {
        return [];
      }
    });
    if (batch.length < vault.batch) {
      for (const answer of batch) await repo.poolAnswer(trx, agreementId, vault.keys.seal(answer, agreementId));
      continue;
    }
    await repo.insertAnswers(trx, agreementId, answerQuarter(now), shuffled(batch));
    released += batch.length;
  }
  return released;
}

/** The jobs runner's release of full pools (after a change of STATS_MIN_COUNT, or a release that failed). */
export async function releasePools(db: Kysely<Database>, vault: FeedbackVault, clock: Clock): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await repo.lockFeedback(trx);
    return releaseFull(trx, vault, clock.now());
  });
}
