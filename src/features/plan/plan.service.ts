/**
 * The staff journey up to preparation (the inbox is in inbox.service.ts): reading a request (audited),
 * taking it, recording the first contact and deciding — go ahead or not, with a reason the person reads
 * in their own language. A SIP started by staff is in staff-start.service.ts.
 */
import type { Kysely } from 'kysely';
import type { Database, DeclineReason } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { AccessDenied, can, type Actor } from '../access/access.domain.ts';
import { ageOn } from '../access/personnummer.domain.ts';
import { storedConsentScope } from '../access/consent-scope.domain.ts';
import { combinedRules, deadline, firstMeetingDays, swedishDate, type AgreementRules, type PlanScope } from './deadline.domain.ts';
import { emptyContent, isDate, type PlanContent } from './plan.domain.ts';
import { heldable, nextMeeting } from './meeting.domain.ts';
import * as directory from './directory.repository.ts';
import * as intake from './intake.repository.ts';
import * as meetings from './meeting.repository.ts';
import * as repo from './plan.repository.ts';
import * as versionRepo from './version.repository.ts';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

export function staffActor(actor: Actor): StaffActor {
  if (actor.kind !== 'staff') throw new AccessDenied();
  return actor;
}

const audit = (db: Kysely<Database>, a: StaffActor, action: string, subjectPersonId: string, record: { type: string; id: string }, at: Date) =>
  recordAudit(db, { actor: { kind: 'staff', id: a.staffAccountId }, action, subjectPersonId, record, at });

export async function rulesFor(db: Kysely<Database>, principalIds: string[]): Promise<AgreementRules> {
  // A principal outside every agreement gets the strictest common default (Halland's 30 days, 3 days to contact).
  return combinedRules(await directory.agreementsOf(db, principalIds)) ?? { firstContactDays: 3, firstMeetingDays: 30, localFirstMeetingDays: null, schoolsArePrincipals: false };
}

async function requestAccess(db: Kysely<Database>, a: StaffActor, id: string) {
  const row = isUuid(id) ? await intake.requestForStaff(db, id) : undefined;
  if (!row) throw new AccessDenied();
  const [requested, consent] = await Promise.all([intake.principalIdsOfRequest(db, id), intake.consentFactsOfRequest(db, id)]);
  const scope = storedConsentScope(consent.required, consent.given);
  if (!requested.some((principalId) => can(a, 'read', { type: 'request', subjectPersonId: row.subjectPersonId, principalId, consentPrincipalIds: scope }))) throw new AccessDenied();
  // The plan may involve only what the consent covers (the request names the same principals).
  return { row, principalIds: requested.filter((p) => scope.includes(p)) };
}

/** A request as staff read it (audited), with its deadlines and the plan it became, if any. */
export async function requestForStaff(db: Kysely<Database>, actor: Actor, clock: Clock, id: string) {
  const a = staffActor(actor);
  const { row, principalIds } = await requestAccess(db, a, id);
  const now = clock.now();
  await audit(db, a, 'request.read', row.subjectPersonId, { type: 'sip_request', id }, now);
  const rules = await rulesFor(db, principalIds);
  const started = row.sentAt ?? row.createdAt;
  const [principals, planId, preferred] = await Promise.all([
    directory.principalsByIds(db, principalIds),
    repo.planIdForRequest(db, id),
    row.preferredStaffAccountId ? directory.staffNames(db, [row.preferredStaffAccountId]) : Promise.resolve(new Map()),
  ]);
  return {
    request: row,
    age: ageOn(row.subjectBirthDate, now),
    principals,
    planId,
    preferredCoordinator: row.preferredStaffAccountId ? preferred.get(row.preferredStaffAccountId)?.name : undefined,
    firstContact: deadline(started, rules.firstContactDays, now),
    firstMeeting: deadline(started, rules.firstMeetingDays, now),
  };
}

/** Staff take a sent request: a plan is opened in preparation, the person's wishes copied into its draft. */
export async function takeRequest(db: Kysely<Database>, actor: Actor, clock: Clock, id: string): Promise<{ planId: string }> {
  const a = staffActor(actor);
  const { row, principalIds } = await requestAccess(db, a, id);
  const existing = await repo.planIdForRequest(db, id);
  if (existing) return { planId: existing };
  const rules = await rulesFor(db, principalIds);
  const now = clock.now();
  const mine = (await directory.unitsOfPrincipals(db, principalIds)).filter((u) => a.unitIds.has(u.id)).map((u) => u.id);
  const staffOfPrincipals = await directory.staffOfPrincipals(db, principalIds);
  const me = staffOfPrincipals.find((s) => s.id === a.staffAccountId);
  // The person's wish for coordinator counts only within what they consented to; their unit then takes part.
  const preferred = staffOfPrincipals.find((s) => s.id === row.preferredStaffAccountId && s.canCoordinate);
  const coordinator = me?.canCoordinate ? a.staffAccountId : (preferred?.id ?? a.staffAccountId);
  const coordinatorUnits = staffOfPrincipals.filter((s) => s.id === coordinator).map((s) => s.unitId);
  const answers = (row.answers ?? {}) as { situation?: { experience?: string; wishes?: string; needs?: string } };
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await intake.setRequestTaken(trx, id, now))) throw new AccessDenied();
      const planId = await repo.insertPlan(
        trx,
        {
          reference: row.reference,
          subjectPersonId: row.subjectPersonId,
          requestId: id,
          scope: 'regional',
          clockStartedAt: row.sentAt ?? row.createdAt,
          firstContactDays: rules.firstContactDays,
          firstMeetingDays: rules.firstMeetingDays,
          firstContactAt: null,
          firstContactNote: null,
          takenBy: a.staffAccountId,
          coordinator,
          draft: emptyContent({ currentSituation: answers.situation?.experience ?? '', personWishes: [answers.situation?.wishes, answers.situation?.needs].filter(Boolean).join('\n\n') }),
          at: now,
        },
        principalIds,
        [...new Set([...mine, ...coordinatorUnits])],
      );
      await audit(trx, a, 'request.take', row.subjectPersonId, { type: 'plan', id: planId }, now);
      return { planId };
    });
  } catch (error) {
    // Two staff took it at the same moment: the first one's plan stands.
    const planId = await repo.planIdForRequest(db, id);
    if (planId) return { planId };
    throw error;
  }
}

declare const accessChecked: unique symbol;
/** A plan row that `planAccess` let this actor have: functions that take one need not check again. */
export type AccessedPlan = repo.PlanRow & { readonly [accessChecked]: true };

/**
 * The plan, if this actor may act on it: the access decision `can()` over the plan's units and the
 * person's consent scope (the principals every consent needed names now). Returns the plan with its
 * parties and scope; throws AccessDenied (→ 404) otherwise. Every staff and system path to a plan
 * (pages, FHIR, mails composed from it) comes through here.
 */
export async function planAccess(db: Kysely<Database>, actor: Actor, planId: string, action: 'read' | 'write') {
  const found = isUuid(planId) ? await repo.findPlanWithParties(db, planId) : undefined;
  if (!found) throw new AccessDenied();
  const { units, principalIds, consentRequired, consentsGiven, ...plan } = found;
  const scope = storedConsentScope(consentRequired, consentsGiven);
  if (!can(actor, action, { type: 'plan', subjectPersonId: plan.subjectPersonId, units, consentPrincipalIds: scope })) throw new AccessDenied();
  return { plan: plan as AccessedPlan, unitIds: units.map((u) => u.id), principalIds, consentScope: scope };
}

export const DECLINE_REASONS: readonly DeclineReason[] = ['notInTargetGroup', 'singlePrincipal', 'personDeclined', 'alreadyHasPlan', 'other'];
export const CONTACT_NOTE_MAX = 1000;

export interface FirstContactInput {
  contactDate: string;
  note: string;
  decision: string;
  scope: string;
  declineReason: string;
}

/** Which scopes this plan may have: local (L-SIP) only for one municipality whose agreement has local plans. */
export async function allowedScopes(db: Kysely<Database>, planId: string): Promise<PlanScope[]> {
  return (await principalsAndScopes(db, planId)).scopes;
}

async function principalsAndScopes(db: Kysely<Database>, planId: string, known?: string[]) {
  const principalIds = known ?? (await repo.planPrincipalIds(db, planId));
  const [principals, rules] = await Promise.all([directory.principalsByIds(db, principalIds), rulesFor(db, principalIds)]);
  const local = principals.length === 1 && principals[0]!.kind === 'municipality' && rules.localFirstMeetingDays !== null;
  return { principals, rules, scopes: (local ? ['regional', 'local'] : ['regional']) as PlanScope[] };
}

/**
 * The first contact with the person, and the decision: go ahead (with the plan's scope, which sets the
 * first-meeting deadline) or not (the request closes with a reason the person sees).
 */
export async function recordFirstContact(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: FirstContactInput): Promise<{ ok: true; declined: boolean } | { ok: false; issues: FieldIssue[] }> {
  const a = staffActor(actor);
  const { plan, principalIds } = await planAccess(db, a, planId, 'write');
  if (plan.status === 'closed' || plan.firstContactAt) throw new AccessDenied();
  const now = clock.now();
  const today = swedishDate(now);
  const issues = new Issues();
  if (raw.contactDate === '') issues.add('contactDate', 'required');
  else if (!isDate(raw.contactDate)) issues.add('contactDate', 'invalidDate');
  else if (raw.contactDate > today) issues.add('contactDate', 'inTheFuture');
  else if (raw.contactDate < swedishDate(plan.clockStartedAt)) issues.add('contactDate', 'beforeRequest');
  issues.textField('note', raw.note, CONTACT_NOTE_MAX);
  const { scopes, rules } = await principalsAndScopes(db, planId, principalIds);
  if (raw.decision !== 'goAhead' && raw.decision !== 'decline') issues.add('decision', 'required');
  else if (raw.decision === 'goAhead' && !scopes.includes(raw.scope as PlanScope)) issues.add('scope', 'required');
  else if (raw.decision === 'decline' && !DECLINE_REASONS.includes(raw.declineReason as DeclineReason)) issues.add('declineReason', 'required');
  if (!issues.ok) return { ok: false, issues: issues.list };
  const contactAt = raw.contactDate === today ? now : new Date(`${raw.contactDate}T12:00:00Z`);
  await db.transaction().execute(async (trx) => {
    await repo.recordFirstContact(trx, planId, contactAt, raw.note);
    if (raw.decision === 'decline') {
      if (plan.requestId) await trx.updateTable('sip_request').set({ status: 'closed', closed_at: now, closed_reason: 'declined', decline_reason: raw.declineReason as DeclineReason }).where('id', '=', plan.requestId).execute();
      await trx.updateTable('plan').set({ status: 'closed', closed_at: now, closed_reason: 'other' }).where('id', '=', planId).execute();
      await audit(trx, a, 'request.decline', plan.subjectPersonId, { type: 'plan', id: planId }, now);
    } else {
      const scope = raw.scope as PlanScope;
      await trx.updateTable('plan').set({ scope, first_meeting_days: firstMeetingDays(rules, scope) ?? rules.firstMeetingDays }).where('id', '=', planId).execute();
      await audit(trx, a, 'plan.write', plan.subjectPersonId, { type: 'plan', id: planId }, now);
    }
  });
  return { ok: true, declined: raw.decision === 'decline' };
}

export type { PlanContent };

/** The plan's page for staff (audited): state, deadlines, first contact, the meeting and its answers, versions. */
export async function planOverview(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string) {
  const a = staffActor(actor);
  const { plan, unitIds, principalIds } = await planAccess(db, a, planId, 'read');
  const now = clock.now();
  await audit(db, a, 'plan.read', plan.subjectPersonId, { type: 'plan', id: planId }, now);
  const all = (await meetings.meetingsOf(db, planId)).filter((m) => m.status !== 'cancelled');
  // One source of truth for "next": the earliest planned meeting still ahead (none on a closed plan).
  // Its invitations are shown; without one, those of the latest meeting.
  const next = nextMeeting(all, plan.status, now);
  const meeting = next ?? [...all].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).at(-1);
  const [invitations, versions, { principals, scopes }, request] = await Promise.all([
    meeting ? meetings.invitationsOf(db, meeting.id) : Promise.resolve([]),
    versionRepo.versionsOf(db, planId),
    principalsAndScopes(db, planId, principalIds),
    plan.requestId ? intake.requestForStaff(db, plan.requestId) : Promise.resolve(undefined),
  ]);
  const writable = unitIds.some((u) => a.unitIds.has(u)) || plan.coordinatorStaffAccountId === a.staffAccountId;
  return {
    plan,
    meeting,
    invitations,
    versions,
    scopes,
    principals,
    declineReason: request?.declineReason ?? null,
    writable,
    /** Every meeting of the plan (not cancelled), first to last. */
    meetings: [...all].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
    next,
    /** Planned meetings whose start has passed: each can be marked held. */
    heldable: plan.status === 'closed' ? [] : heldable(all, now),
    firstContact: deadline(plan.clockStartedAt, plan.firstContactDays, now, plan.firstContactAt),
    firstMeeting: deadline(plan.clockStartedAt, plan.firstMeetingDays, now, plan.firstMeetingHeldAt),
  };
}
