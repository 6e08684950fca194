/**
 * Giving and withdrawing consent. A pending consent (the person asked by a relative, a child of 15 or
 * more, another guardian) is given or declined here; when the last one is given the request is sent.
 * Withdrawal ends the SIP at once: every consent about the person ends, open requests close with
 * `consentWithdrawn`, and nothing more is shared. Each in one transaction with its audit event.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { AccessDenied, standing, type Actor } from '../access/access.domain.ts';
import * as repo from './request.repository.ts';
import * as consentRepo from './consent.repository.ts';
import * as directory from '../plan/directory.repository.ts';
import * as planRepo from '../plan/plan.repository.ts';
import { enqueueMails, type QueuedMail } from '../../shared/server/mail-outbox.ts';
import { personActor } from './request.service.ts';
import { consentCapacity, statusAfterConsents } from './consent.domain.ts';
import { CONSENT_TEXT_VERSION } from './request.domain.ts';

export type ConsentOutcome = { ok: true; status: 'sent' | 'awaitingConsent' | 'closed' } | { ok: false; issues: FieldIssue[] };

/** Answers a consent the person was asked for on a request: agree (ticked) or decline. */
export async function answerConsent(db: Kysely<Database>, actor: Actor, clock: Clock, requestId: string, answer: { decision: string; agreed: boolean }): Promise<ConsentOutcome> {
  const a = personActor(actor);
  if (answer.decision !== 'agree' && answer.decision !== 'decline') return { ok: false, issues: [{ field: 'decision', code: 'required' }] };
  if (answer.decision === 'agree' && !answer.agreed) return { ok: false, issues: [{ field: 'agreed', code: 'required' }] };
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const request = isUuid(requestId) ? await repo.findRequest(trx, requestId) : undefined;
    const requirements = request ? await consentRepo.requirementsOf(trx, requestId) : [];
    const mine = requirements.find((r) => r.personId === a.personId && !r.consentId);
    if (!request || !mine || request.status !== 'awaitingConsent') throw new AccessDenied();
    if (answer.decision === 'decline') {
      await repo.setRequestStatus(trx, requestId, 'closed', now, 'declined');
      await recordAudit(trx, { actor: { kind: 'person', id: a.personId }, action: 'consent.decline', subjectPersonId: request.subjectPersonId, record: { type: 'sip_request', id: requestId }, at: now });
      return { ok: true, status: 'closed' as const };
    }
    const scope = { principals: await repo.requestPrincipals(trx, requestId) };
    const givenAs = mine.role === 'subject' ? 'self' : mine.role;
    const consentId = await consentRepo.insertConsent(trx, { subjectPersonId: request.subjectPersonId, givenByPersonId: a.personId, givenAs, requestId, scope, textVersion: CONSENT_TEXT_VERSION, at: now });
    await consentRepo.satisfyRequirement(trx, requestId, a.personId, consentId);
    const status = statusAfterConsents(requirements.map((r) => ({ satisfied: !!r.consentId || r.personId === a.personId })));
    if (status === 'sent') await repo.setRequestStatus(trx, requestId, 'sent', now);
    await recordAudit(trx, { actor: { kind: 'person', id: a.personId }, action: 'consent.give', subjectPersonId: request.subjectPersonId, record: { type: 'consent', id: consentId }, at: now });
    return { ok: true, status };
  });
}

/** The consents about the person and the people this person acts for (not a delegate's). */
export async function myConsents(db: Kysely<Database>, actor: Actor) {
  const a = personActor(actor);
  return consentRepo.consentsAbout(db, [a.personId, ...a.guardianOf, ...a.representativeOf]);
}

export async function consentDetail(db: Kysely<Database>, actor: Actor, id: string) {
  const consent = isUuid(id) ? await consentRepo.findConsent(db, id) : undefined;
  if (!consent || !consentCapacity(standing(personActor(actor), consent.subjectPersonId))) return undefined;
  return consent;
}

/** Writes the notice to a coordinator that the person withdrew consent, for the outbox. */
export type ComposeWithdrawn = (facts: { to: string; reference: string }) => QueuedMail;

/**
 * Withdraws consent: the SIP ends and all sharing about the person stops. Needs the confirmation ticked.
 * Each closed plan's coordinator is told (the notice queued in the same transaction; the inbox shows it too).
 */
export async function withdrawConsent(db: Kysely<Database>, actor: Actor, clock: Clock, id: string, confirmed: boolean, compose?: ComposeWithdrawn): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const a = personActor(actor);
  const consent = await consentDetail(db, actor, id);
  if (!consent) throw new AccessDenied();
  if (!confirmed) return { ok: false, issues: [{ field: 'confirm', code: 'required' }] };
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await consentRepo.withdrawAllConsentsOf(trx, consent.subjectPersonId, a.personId, now);
    for (const requestId of await repo.openRequestIdsOf(trx, consent.subjectPersonId)) {
      await repo.setRequestStatus(trx, requestId, 'closed', now, 'consentWithdrawn');
    }
    // The SIP ends: every open plan closes, and nothing more is shared.
    const plans = await planRepo.closePlansOf(trx, consent.subjectPersonId, 'consentWithdrawn', now);
    await recordAudit(trx, { actor: { kind: 'person', id: a.personId }, action: 'consent.withdraw', subjectPersonId: consent.subjectPersonId, record: { type: 'consent', id }, at: now });
    if (!compose) return;
    // The mail names only the reference.
    const coordinators = await directory.staffNames(trx, plans.map((p) => p.coordinatorStaffAccountId).filter((x): x is string => !!x));
    const notices = plans.flatMap((p) => {
      const to = p.coordinatorStaffAccountId ? coordinators.get(p.coordinatorStaffAccountId)?.email : undefined;
      return to ? [compose({ to, reference: p.reference })] : [];
    });
    await enqueueMails(trx, notices, now);
  });
  return { ok: true };
}
