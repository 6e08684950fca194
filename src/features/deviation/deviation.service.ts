/**
 * Deviations: staff of the plan and the person (or who acts for them) report; the responsible principal's
 * deviation handlers investigate and answer; the reporter reads the answer. The handlers' list names no
 * person — the name is shown inside the case only, and reading it is audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { enqueueMails, type QueuedMail } from '../../shared/server/mail-outbox.ts';
import { AccessDenied, can, type Actor } from '../access/access.domain.ts';
import { absentInvitees, asContent } from '../plan/plan.domain.ts';
import { planAccess, staffActor } from '../plan/plan.service.ts';
import * as directory from '../plan/directory.repository.ts';
import * as meetings from '../plan/meeting.repository.ts';
import * as planRepo from '../plan/plan.repository.ts';
import * as versionRepo from '../plan/version.repository.ts';
import { validateHandling, validateReport, type ReportInput } from './deviation.domain.ts';
import * as repo from './deviation.repository.ts';

type Who = { kind: 'staff'; staffAccountId: string } | { kind: 'person'; personId: string };

/** The plan as a reporter may reach it: staff who take part in it, or the person and who acts for them. */
async function reporterAccess(db: Kysely<Database>, actor: Actor, planId: string): Promise<{ plan: planRepo.PlanRow; who: Who }> {
  if (actor.kind === 'staff') {
    const { plan } = await planAccess(db, actor, planId, 'read');
    return { plan, who: { kind: 'staff', staffAccountId: actor.staffAccountId } };
  }
  const plan = isUuid(planId) ? await planRepo.findPlan(db, planId) : undefined;
  if (!plan || actor.kind !== 'person' || !can(actor, 'write', { type: 'deviation', subjectPersonId: plan.subjectPersonId, unitIds: [] })) throw new AccessDenied();
  return { plan, who: { kind: 'person', personId: actor.personId } };
}

/** People invited through the portal who did not come (marked absent at follow-up, or not present in the plan). */
async function absentInvitations(db: Kysely<Database>, plan: planRepo.PlanRow) {
  const all = (await meetings.meetingsOf(db, plan.id)).filter((m) => m.status === 'held');
  const invitations = (await Promise.all(all.map((m) => meetings.invitationsOf(db, m.id)))).flat();
  const latest = (await versionRepo.versionsOf(db, plan.id))[0];
  const notPresent = new Set(latest ? absentInvitees(asContent(latest.content)).map((p) => p.invitationId) : []);
  return invitations.filter((i) => i.kind !== 'person' && (i.attended === false || notPresent.has(i.id))).map((i) => ({ id: i.id, name: i.name, organisation: i.organisation }));
}

/** What the report form offers: the plan's principals, and (for staff) absent invitees for noShow. */
export async function reportForm(db: Kysely<Database>, actor: Actor, planId: string) {
  const { plan, who } = await reporterAccess(db, actor, planId);
  const principals = await directory.principalsByIds(db, await planRepo.planPrincipalIds(db, planId));
  return { plan, who, principals, absent: who.kind === 'staff' ? await absentInvitations(db, plan) : [] };
}

/** Writes the bare notices to the deviation handlers, for the outbox. */
export type ComposeDeviationNotices = (to: string[]) => QueuedMail[];

/** Records a deviation and, in the same transaction, queues the notices to the principal's handlers. */
export async function reportDeviation(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: ReportInput, compose?: ComposeDeviationNotices): Promise<{ ok: true; handlerEmails: string[] } | { ok: false; issues: FieldIssue[] }> {
  const { plan, who, principals, absent } = await reportForm(db, actor, planId);
  const principalIds = new Set(principals.map((p) => p.id));
  const valid = validateReport(raw, { by: who.kind, principalIds, absentInvitationIds: new Set(absent.map((a) => a.id)) });
  if (!valid.ok) return valid;
  // "I don't know" goes to the principal with overall responsibility (or the plan's first).
  const principalId = valid.value.principalId || (plan.leadPrincipalId && principalIds.has(plan.leadPrincipalId) ? plan.leadPrincipalId : principals[0]!.id);
  const now = clock.now();
  const handlerEmails = await db.transaction().execute(async (trx) => {
    const id = await repo.insertDeviation(trx, { planId, principalId, type: valid.value.type, description: valid.value.description, invitationId: valid.value.invitationId, staffAccountId: who.kind === 'staff' ? who.staffAccountId : null, personId: who.kind === 'person' ? who.personId : null, at: now });
    await recordAudit(trx, { actor: who.kind === 'staff' ? { kind: 'staff', id: who.staffAccountId } : { kind: 'person', id: who.personId }, action: 'deviation.report', subjectPersonId: plan.subjectPersonId, record: { type: 'deviation', id }, at: now });
    const to = await repo.handlerEmails(trx, principalId);
    if (compose) await enqueueMails(trx, compose(to), now);
    return to;
  });
  return { ok: true, handlerEmails };
}

/** Deviations the reporter follows on the plan page: the person's side sees theirs; staff see their own reports. */
export async function reportedOnPlan(db: Kysely<Database>, actor: Actor, planId: string) {
  const { who } = await reporterAccess(db, actor, planId);
  return repo.deviationsOnPlan(db, planId, who.kind === 'person' ? { persons: true } : { staffAccountId: who.staffAccountId });
}

/** The handler's list: no names, only reference, type, principal, date and status. */
export async function handlerList(db: Kysely<Database>, actor: Actor) {
  const a = staffActor(actor);
  const rows = await repo.deviationsForHandler(db, [...a.deviationHandlerUnitIds]);
  return rows.map(({ id, reference, type, principalName, reportedAt, status, reportedByPersonId }) => ({ id, reference, type, principalName, reportedAt, status, byPerson: reportedByPersonId !== null }));
}

async function handlerAccess(db: Kysely<Database>, actor: Actor, id: string) {
  const a = staffActor(actor);
  const d = isUuid(id) ? await repo.findDeviation(db, id) : undefined;
  if (!d) throw new AccessDenied();
  const unitIds = await repo.unitIdsOfPrincipal(db, d.principalId);
  if (!can(a, 'handle', { type: 'deviation', subjectPersonId: d.subjectPersonId, unitIds })) throw new AccessDenied();
  return { a, d };
}

/** One case for its handler (audited: it names the person). */
export async function handlerCase(db: Kysely<Database>, actor: Actor, clock: Clock, id: string) {
  const { a, d } = await handlerAccess(db, actor, id);
  await recordAudit(db, { actor: { kind: 'staff', id: a.staffAccountId }, action: 'deviation.read', subjectPersonId: d.subjectPersonId, record: { type: 'deviation', id }, at: clock.now() });
  return d;
}

export async function handleDeviation(db: Kysely<Database>, actor: Actor, clock: Clock, id: string, raw: { step: string; investigation: string; answer: string }): Promise<{ ok: true; status: string } | { ok: false; issues: FieldIssue[] }> {
  const { a, d } = await handlerAccess(db, actor, id);
  const valid = validateHandling(d.status, raw);
  if (!valid.ok) return valid;
  const now = clock.now();
  const done = await db.transaction().execute(async (trx) => {
    if (!(await repo.updateHandling(trx, id, d.status, { status: valid.value.status, investigation: valid.value.investigation, answer: valid.value.answer, by: a.staffAccountId, at: now }))) return false;
    await recordAudit(trx, { actor: { kind: 'staff', id: a.staffAccountId }, action: 'deviation.handle', subjectPersonId: d.subjectPersonId, record: { type: 'deviation', id }, at: now });
    return true;
  });
  return done ? { ok: true, status: valid.value.status } : { ok: false, issues: [{ field: 'step', code: 'changed' }] };
}
