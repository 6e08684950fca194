/**
 * Widening a consent (seed 000: the person decides who takes part; seed 002: information is shared only
 * as far as the person consents). A coordinator who wants a principal outside the consent asks the
 * person; nothing is shared until everyone whose consent is needed says yes (each yes is a consent of
 * its own naming the principal, so withdrawal ends it with the rest); one no closes the question and the
 * plan stays as it was. For an adult who does not use the portal, staff may record that the person
 * agreed (in writing, orally, in person), as when staff start a SIP. Each action in one transaction
 * with its audit event.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { AccessDenied, can, type Actor } from '../access/access.domain.ts';
import { storedConsentScope } from '../access/consent-scope.domain.ts';
import { planAccess, staffActor } from '../plan/plan.service.ts';
import { planOptions } from '../plan/plan-edit.service.ts';
import * as repo from './scope-request.repository.ts';

export const WIDEN_REASON_MAX = 500;
export const OBTAINED = ['inWriting', 'orally', 'inPerson'] as const;

type Outcome = { ok: true } | { ok: false; issues: FieldIssue[] };

/** Everyone whose consent the plan's request needs (the consent givers for plans from before requirements). */
async function consenters(db: Kysely<Database>, requestId: string) {
  const [required, given] = await Promise.all([repo.requiredConsenters(db, requestId), repo.activeConsents(db, requestId)]);
  const people = required.length > 0 ? required : [...new Set(given.map((g) => g.personId))].map((personId) => ({ personId, role: 'subject' as const }));
  return { people, given };
}

/** The principals (with names) that one person's active consents name. */
function principalsOf(given: readonly { personId: string; scope: unknown }[], personId: string): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const g of given.filter((c) => c.personId === personId)) {
    for (const p of ((g.scope as { principals?: { id?: unknown; name?: unknown }[] })?.principals ?? [])) {
      if (typeof p?.id === 'string') byId.set(p.id, typeof p.name === 'string' ? p.name : '');
    }
  }
  return [...byId].map(([id, name]) => ({ id, name }));
}

/**
 * Staff: ask the person whether one more principal of the agreement may take part — or, for an adult
 * whose only consent is their own, record that they already agreed and how.
 */
export async function askToWiden(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: { principalId: string; reason: string; how: string; obtainedHow: string }): Promise<Outcome & { recorded?: boolean }> {
  const a = staffActor(actor);
  const { plan, consentScope: scope } = await planAccess(db, a, planId, 'write');
  if (plan.status === 'closed' || !plan.requestId) throw new AccessDenied();
  const requestId = plan.requestId;
  const [options, { people, given }] = await Promise.all([planOptions(db, plan, scope), consenters(db, requestId)]);
  const issues = new Issues();
  const principal = options.outside.find((p) => p.id === raw.principalId);
  if (!principal) issues.add('principalId', 'required');
  issues.textField('reason', raw.reason, WIDEN_REASON_MAX);
  if (raw.how !== 'ask' && raw.how !== 'recorded') issues.add('how', 'required');
  else if (raw.how === 'recorded' && !(people.length === 1 && people[0]!.personId === plan.subjectPersonId)) issues.add('how', 'onlyTheAdult');
  else if (raw.how === 'recorded' && !(OBTAINED as readonly string[]).includes(raw.obtainedHow)) issues.add('obtainedHow', 'required');
  if (!issues.ok || !principal) return { ok: false, issues: issues.list };
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    if (raw.how === 'recorded') {
      const principals = [...principalsOf(given, plan.subjectPersonId), { id: principal.id, name: principal.name }];
      const consentId = await repo.insertWidenedConsent(trx, { subjectPersonId: plan.subjectPersonId, givenByPersonId: plan.subjectPersonId, givenAs: 'self', requestId, principals, at: now, recordedBy: { staffAccountId: a.staffAccountId, obtainedHow: raw.obtainedHow as (typeof OBTAINED)[number] } });
      await repo.addPlanPrincipal(trx, planId, principal.id);
      await recordAudit(trx, { actor: { kind: 'staff', id: a.staffAccountId }, action: 'consent.widen', subjectPersonId: plan.subjectPersonId, record: { type: 'consent', id: consentId }, context: 'recorded', at: now });
      return { ok: true as const, recorded: true };
    }
    const id = await repo.insertScopeRequest(trx, { planId, principalId: principal.id, staffAccountId: a.staffAccountId, reason: raw.reason, at: now });
    if (!id) return { ok: false as const, issues: [{ field: 'principalId', code: 'alreadyAsked' }] };
    await recordAudit(trx, { actor: { kind: 'staff', id: a.staffAccountId }, action: 'consent.askWiden', subjectPersonId: plan.subjectPersonId, record: { type: 'consent_scope_request', id }, at: now });
    return { ok: true as const };
  });
}

/** The questions asked on a plan, for its staff (the preparation page). */
export async function scopeQuestionsForStaff(db: Kysely<Database>, actor: Actor, planId: string) {
  await planAccess(db, staffActor(actor), planId, 'write');
  return repo.scopeRequestsOf(db, planId);
}

/** The person's view of their consent on one plan: who may take part, and the questions waiting. */
export async function myConsentScope(db: Kysely<Database>, actor: Actor, planId: string) {
  if (actor.kind !== 'person') throw new AccessDenied();
  const { plan, consentScope: scope } = await planAccess(db, actor, planId, 'read');
  const [principals, questions, facts] = await Promise.all([
    repo.principalNames(db, scope),
    repo.scopeRequestsOf(db, planId),
    plan.requestId ? consenters(db, plan.requestId) : Promise.resolve({ people: [], given: [] }),
  ]);
  const mine = new Set(principalsOf(facts.given, actor.personId).map((p) => p.id));
  const mayAnswer = plan.status !== 'closed' && can(actor, 'decide', { type: 'personRecord', personId: plan.subjectPersonId }) && facts.people.some((p) => p.personId === actor.personId);
  return {
    plan,
    principals,
    open: questions.filter((q) => q.status === 'open').map((q) => ({ ...q, answeredByMe: mine.has(q.principalId) })),
    answered: questions.filter((q) => q.status === 'accepted' || q.status === 'declined'),
    mayAnswer,
  };
}

/** Open questions on the plans of the people this person decides for (My SIP's task list). */
export async function myScopeQuestions(db: Kysely<Database>, actor: Actor) {
  if (actor.kind !== 'person') return [];
  return repo.openScopeRequestsAbout(db, [actor.personId, ...actor.guardianOf, ...actor.representativeOf]);
}

/** The person (or a guardian or representative whose consent is needed) answers yes or no. */
export async function answerWiden(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: { questionId: string; answer: string }): Promise<Outcome & { accepted?: boolean }> {
  if (actor.kind !== 'person') throw new AccessDenied();
  const { plan } = await planAccess(db, actor, planId, 'read');
  if (plan.status === 'closed' || !plan.requestId || !can(actor, 'decide', { type: 'personRecord', personId: plan.subjectPersonId })) throw new AccessDenied();
  const requestId = plan.requestId;
  const question = isUuid(raw.questionId) ? await repo.findScopeRequest(db, raw.questionId) : undefined;
  if (!question || question.planId !== planId || question.status !== 'open') throw new AccessDenied();
  if (raw.answer !== 'yes' && raw.answer !== 'no') return { ok: false, issues: [{ field: 'answer', code: 'required' }] };
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const { people, given } = await consenters(trx, requestId);
    const me = people.find((p) => p.personId === actor.personId);
    if (!me) throw new AccessDenied();
    const audit = (action: string, record: { type: string; id: string }) => recordAudit(trx, { actor: { kind: 'person', id: actor.personId }, action, subjectPersonId: plan.subjectPersonId, record, at: now });
    if (raw.answer === 'no') {
      if (!(await repo.closeScopeRequest(trx, question.id, 'declined', actor.personId, now))) throw new AccessDenied();
      await audit('consent.declineWiden', { type: 'consent_scope_request', id: question.id });
      return { ok: true as const, accepted: false };
    }
    const principals = [...principalsOf(given, actor.personId).filter((p) => p.id !== question.principalId), { id: question.principalId, name: question.principalName }];
    const givenAs = me.role === 'subject' ? 'self' : me.role;
    const consentId = await repo.insertWidenedConsent(trx, { subjectPersonId: plan.subjectPersonId, givenByPersonId: actor.personId, givenAs, requestId, principals, at: now });
    await audit('consent.widen', { type: 'consent', id: consentId });
    const after = [...given, { personId: actor.personId, scope: { principals } }];
    const scope = storedConsentScope(people.map((p) => p.personId), after);
    const accepted = scope.includes(question.principalId);
    if (accepted) {
      await repo.closeScopeRequest(trx, question.id, 'accepted', actor.personId, now);
      await repo.addPlanPrincipal(trx, planId, question.principalId);
    }
    return { ok: true as const, accepted };
  });
}
