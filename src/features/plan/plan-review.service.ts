/**
 * The person's side of the plan: their plans on "My SIP", the plan itself (the active version and any
 * version waiting for them), earlier versions, accepting a version or asking for changes with a
 * comment. A relative with a share reads; the person, a guardian or a legal representative decides.
 * Reads by anyone but the person are audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { isInt4 } from '../../shared/forms/integer.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { AccessDenied, can, standing, type Actor } from '../access/access.domain.ts';
import { storedConsentScope } from '../access/consent-scope.domain.ts';
import { deadline, swedishDate } from './deadline.domain.ts';
import { followUpHistory } from '../follow-up/follow-up.service.ts';
import * as deviationRepo from '../deviation/deviation.repository.ts';
import { namesFor } from './plan-edit.service.ts';
import { asContent } from './plan.domain.ts';
import { nextStep } from './meeting.domain.ts';
import * as directory from './directory.repository.ts';
import * as meetings from './meeting.repository.ts';
import * as repo from './plan.repository.ts';
import * as versionRepo from './version.repository.ts';

type PersonActor = Extract<Actor, { kind: 'person' }>;

function personActor(actor: Actor): PersonActor {
  if (actor.kind !== 'person') throw new AccessDenied();
  return actor;
}

export const CHANGE_REQUEST_MAX = 2000;

/** Plans the person may see: their own, their children's, those they represent, those shared with them. */
export async function myPlans(db: Kysely<Database>, actor: Actor) {
  const a = personActor(actor);
  const plans = await repo.plansOf(db, [a.personId, ...a.guardianOf, ...a.representativeOf, ...a.sharedWithMe]);
  // A request staff decided not to take further shows on the request itself, with the reason; a plan
  // that never got a version and was closed is not shown twice.
  return plans.filter((p) => p.status !== 'closed' || p.activeVersion !== null || p.closedReason === 'consentWithdrawn');
}

async function access(db: Kysely<Database>, a: PersonActor, planId: string, action: 'read' | 'decide') {
  const plan = isUuid(planId) ? await repo.findPlan(db, planId) : undefined;
  if (!plan || !can(a, action, { type: 'personRecord', personId: plan.subjectPersonId })) throw new AccessDenied();
  return plan;
}

/** One plan for the person: what is in force, what waits for them, earlier versions, the next meeting. */
export async function myPlan(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, versionParam?: number) {
  const a = personActor(actor);
  // Read with its parties once: the consent scope shown on the page comes from the same row.
  const found = isUuid(planId) ? await repo.findPlanWithParties(db, planId) : undefined;
  if (!found || !can(a, 'read', { type: 'personRecord', personId: found.subjectPersonId })) throw new AccessDenied();
  const { units: _units, principalIds: _principals, consentRequired, consentsGiven, ...plan } = found;
  const now = clock.now();
  if (standing(a, plan.subjectPersonId) !== 'self') {
    await recordAudit(db, { actor: { kind: 'person', id: a.personId }, action: 'plan.read', subjectPersonId: plan.subjectPersonId, record: { type: 'plan', id: planId }, at: now });
  }
  const versions = await versionRepo.versionsOf(db, planId);
  const shown = versionParam !== undefined ? versions.find((v) => v.version === versionParam) : versions.find((v) => v.version === (plan.offeredVersion ?? plan.activeVersion));
  if (versionParam !== undefined && !shown) throw new AccessDenied();
  const content = shown ? asContent(shown.content) : undefined;
  const all = await meetings.meetingsOf(db, planId);
  const coordinator = plan.coordinatorStaffAccountId ? (await directory.staffNames(db, [plan.coordinatorStaffAccountId])).get(plan.coordinatorStaffAccountId) : undefined;
  const scope = storedConsentScope(consentRequired, consentsGiven);
  return {
    plan,
    versions,
    shown,
    content,
    names: content ? await namesFor(db, plan, content) : undefined,
    /** Who reads: the person themself, or someone acting for them or sharing in it (wording follows). */
    reader: standing(a, plan.subjectPersonId),
    /** The one next step every page shows (nothing on a closed plan). */
    next: nextStep({ status: plan.status, meetings: all, offered: plan.offeredVersion !== null, followUpDate: plan.followUpDate, now }),
    coordinator,
    /** The principals the consent covers now: the only ones whose staff take part. */
    consentPrincipals: await directory.principalsByIds(db, scope),
    mayDecide: can(a, 'decide', { type: 'personRecord', personId: plan.subjectPersonId }),
    awaitingMe: plan.offeredVersion !== null && shown?.version === plan.offeredVersion,
    firstMeeting: deadline(plan.clockStartedAt, plan.firstMeetingDays, now, plan.firstMeetingHeldAt),
    followUps: await followUpHistory(db, planId),
    deviations: can(a, 'write', { type: 'deviation', subjectPersonId: plan.subjectPersonId, unitIds: [] }) ? await deviationRepo.deviationsOnPlan(db, planId, { persons: true }) : [],
  };
}

/** Accepts the version offered: the plan becomes active. */
export async function acceptPlan(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, version: number): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const a = personActor(actor);
  const plan = await access(db, a, planId, 'decide');
  // A version no integer column holds (from a changed hidden field) is not the one offered: never a query.
  if (!isInt4(version)) return { ok: false, issues: [{ field: 'decision', code: 'noLongerOffered' }] };
  const now = clock.now();
  const offered = await versionRepo.findVersion(db, planId, version);
  const followUpDate = offered ? asContent(offered.content).followUpDate || null : null;
  const done = await db.transaction().execute(async (trx) => {
    if (!(await versionRepo.acceptVersion(trx, planId, version, a.personId, now, followUpDate))) return false;
    await recordAudit(trx, { actor: { kind: 'person', id: a.personId }, action: 'plan.accept', subjectPersonId: plan.subjectPersonId, record: { type: 'plan', id: planId }, at: now });
    return true;
  });
  return done ? { ok: true } : { ok: false, issues: [{ field: 'decision', code: 'noLongerOffered' }] };
}

/** Asks for changes to the version offered, with a comment the staff read. */
export async function requestPlanChanges(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, version: number, comment: string): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const a = personActor(actor);
  const plan = await access(db, a, planId, 'decide');
  const issues = new Issues();
  issues.textField('comment', comment, CHANGE_REQUEST_MAX);
  if (!issues.ok) return { ok: false, issues: issues.list };
  if (!isInt4(version)) return { ok: false, issues: [{ field: 'decision', code: 'noLongerOffered' }] };
  const now = clock.now();
  const done = await db.transaction().execute(async (trx) => {
    if (!(await versionRepo.requestChanges(trx, planId, version, comment, a.personId, now))) return false;
    await recordAudit(trx, { actor: { kind: 'person', id: a.personId }, action: 'plan.changeRequest', subjectPersonId: plan.subjectPersonId, record: { type: 'plan', id: planId }, at: now });
    return true;
  });
  return done ? { ok: true } : { ok: false, issues: [{ field: 'decision', code: 'noLongerOffered' }] };
}
