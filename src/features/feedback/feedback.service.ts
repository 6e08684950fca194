/**
 * SIP-kollen: after each meeting the person and the relatives invited to it are asked (on "My SIP", and
 * by e-mail when there is an address) for anonymous feedback. The answer is stored with no way back to
 * who gave it (see README, "Why SIP-kollen cannot be traced").
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { AccessDenied, type Actor } from '../access/access.domain.ts';
import type { InvitationRow } from '../plan/meeting.repository.ts';
import { ANSWER_DAYS, answerMonth, looksLikeToken, newToken, principalGroup, tokenHash, validateAnswers, type Question } from './feedback.domain.ts';
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

/** Open invitations to answer for the logged-in person. */
export async function myFeedbackInvitations(db: Kysely<Database>, actor: Actor, clock: Clock) {
  if (actor.kind !== 'person') return [];
  return repo.invitationsFor(db, actor.personId, clock.now());
}

export type Survey =
  | { state: 'open'; questions: Question[]; meetingKind: 'initial' | 'followUp'; meetingStartsAt: Date; tokenHash: string }
  | { state: 'used' }
  | { state: 'unknown' };

async function surveyFor(db: Kysely<Database>, invitation: repo.OpenInvitationRow | undefined): Promise<Survey> {
  if (!invitation) return { state: 'unknown' };
  const group = await repo.groupOfMeeting(db, invitation.meetingId);
  return { state: 'open', questions: await repo.questionsFor(db, group?.agreementId ?? null), meetingKind: invitation.meetingKind, meetingStartsAt: invitation.meetingStartsAt, tokenHash: invitation.tokenHash };
}

/** The survey behind a token from an e-mail (no login: the token is the right to answer). */
export async function surveyByToken(db: Kysely<Database>, clock: Clock, token: string): Promise<Survey> {
  if (!looksLikeToken(token)) return { state: 'unknown' };
  const hash = tokenHash(token);
  const invitation = await repo.invitationByHash(db, hash, clock.now());
  if (!invitation && (await repo.tokenUsed(db, hash))) return { state: 'used' };
  return surveyFor(db, invitation);
}

/** The survey from the person's own page (logged in; the invitation must be theirs). */
export async function surveyForPerson(db: Kysely<Database>, actor: Actor, clock: Clock, invitationId: string): Promise<Survey> {
  if (actor.kind !== 'person') throw new AccessDenied();
  const invitation = isUuid(invitationId) ? await repo.invitationById(db, invitationId, clock.now()) : undefined;
  if (invitation && invitation.personId !== actor.personId) throw new AccessDenied();
  return surveyFor(db, invitation);
}

/**
 * Stores an answer, once. Validation first (out-of-range answers get a message, nothing is stored);
 * then, in one transaction, the token is marked used and the answer written with only its group and month.
 */
export async function answerSurvey(db: Kysely<Database>, clock: Clock, survey: Survey, raw: Record<string, string>): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] } | { ok: false; used: true }> {
  if (survey.state !== 'open') return { ok: false, used: true };
  const valid = validateAnswers(raw, survey.questions);
  if (!valid.ok) return valid;
  const now = clock.now();
  const done = await db.transaction().execute(async (trx) => {
    const invitation = await repo.invitationByHash(trx, survey.tokenHash, now);
    if (!invitation) return false;
    const group = await repo.groupOfMeeting(trx, invitation.meetingId);
    return repo.useAndAnswer(trx, survey.tokenHash, {
      agreementId: group?.agreementId ?? null,
      principalIds: principalGroup(group?.principalIds ?? []),
      meetingKind: invitation.meetingKind,
      month: answerMonth(now),
      answers: valid.value.answers,
      freeText: valid.value.freeText,
    });
  });
  return done ? { ok: true } : { ok: false, used: true };
}
