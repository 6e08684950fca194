/**
 * "My SIP": the requests a person may see (their own, their children's, those of people they represent
 * or who shared with them, and those they sent), the consents they are asked for, and one request in
 * full. Reading someone else's request (as guardian, representative or delegate) is audited, so the
 * person sees it in "who has looked at my data".
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { can, standing, type Actor } from '../access/access.domain.ts';
import * as repo from './request.repository.ts';
import * as consentRepo from './consent.repository.ts';
import { personActor } from './request.service.ts';
import { requestState, type RequestDraft } from './request.domain.ts';

type PersonActor = Extract<Actor, { kind: 'person' }>;

function visibleSubjects(a: PersonActor): string[] {
  return [a.personId, ...a.guardianOf, ...a.representativeOf, ...a.sharedWithMe];
}

export async function myOverview(db: Kysely<Database>, actor: Actor) {
  const a = personActor(actor);
  const [requests, tasks] = await Promise.all([repo.requestsFor(db, visibleSubjects(a), a.personId), consentRepo.pendingConsentsFor(db, a.personId)]);
  return { requests: requests.map((r) => ({ ...r, subjectName: shownSubjectName(actor, r), state: requestState(r.status, r.planStatus) })), tasks };
}

/**
 * The subject's name as this person may see it. Someone who may not read the subject's record (a
 * relative who sent the request) sees the name they typed themselves, never the register's: else
 * typing any personnummer would show whose it is. An empty name: a request from before names were kept.
 */
export function shownSubjectName(actor: Actor, r: { subjectPersonId: string; subjectName: string; typedSubjectName: string | null }): string {
  return can(actor, 'read', { type: 'personRecord', personId: r.subjectPersonId }) ? r.subjectName : (r.typedSubjectName ?? '');
}

/** How much of a request someone may see: all of it, only its status (who sent it for someone else), or nothing. */
export function requestVisibility(actor: Actor, r: { subjectPersonId: string; submittedByPersonId: string | null }, pendingFor: boolean): 'full' | 'status' | undefined {
  if (can(actor, 'read', { type: 'personRecord', personId: r.subjectPersonId })) return 'full';
  // Someone asked to consent, or who sent it, sees what it is about — not what the person wrote.
  if (actor.kind === 'person' && (actor.personId === r.submittedByPersonId || pendingFor)) return 'status';
  return undefined;
}

export async function requestDetail(db: Kysely<Database>, actor: Actor, clock: Clock, id: string) {
  const a = personActor(actor);
  const row = isUuid(id) ? await repo.findRequest(db, id) : undefined;
  if (!row) return undefined;
  const requirements = await consentRepo.requirementsOf(db, id);
  const myRequirement = requirements.find((r) => r.personId === a.personId && !r.consentId);
  const visibility = requestVisibility(actor, row, !!myRequirement);
  if (!visibility) return undefined;
  if (visibility === 'full' && standing(actor, row.subjectPersonId) !== 'self') {
    await recordAudit(db, { actor: { kind: 'person', id: a.personId }, action: 'request.read', subjectPersonId: row.subjectPersonId, record: { type: 'sip_request', id }, at: clock.now() });
  }
  const principals = await repo.requestPrincipals(db, id);
  const answers = (visibility === 'full' ? row.answers : {}) as Pick<RequestDraft, 'contacts' | 'situation' | 'coordinator' | 'meeting' | 'principals'>;
  const subjectName = shownSubjectName(actor, row);
  const named = requirements.map((r) => (r.personId === row.subjectPersonId ? { ...r, name: subjectName } : r));
  return { request: { ...row, subjectName }, state: requestState(row.status, row.planStatus, row.closedReason), visibility, principals, requirements: named, answers, myPendingRole: myRequirement?.role };
}
