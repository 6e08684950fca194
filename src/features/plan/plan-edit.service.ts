/**
 * Writing the plan: the editor's choices (units, coordinators, principals the plan may involve), saving
 * the draft with a revision check (a concurrent edit is reported, never silently overwritten), offering
 * the plan to the person as a new immutable version, and reading versions. Every read and write is audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { isInt4 } from '../../shared/forms/integer.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { enqueueMails, type QueuedMail } from '../../shared/server/mail-outbox.ts';
import { AccessDenied, type Actor } from '../access/access.domain.ts';
import { swedishDate } from './deadline.domain.ts';
import {
  asContent,
  missingForOffer,
  nextVersion,
  offerRefusal,
  responsibleUnitIds,
  sameContent,
  validateContent,
  withoutEmptyRows,
  type Missing,
  type OfferRefusal,
  type PlanContent,
} from './plan.domain.ts';
import * as directory from './directory.repository.ts';
import * as meetings from './meeting.repository.ts';
import * as repo from './plan.repository.ts';
import * as versionRepo from './version.repository.ts';
import { planAccess, staffActor, type StaffActor } from './plan.service.ts';

const audit = (db: Kysely<Database>, a: StaffActor, action: string, subjectPersonId: string, planId: string, at: Date) =>
  recordAudit(db, { actor: { kind: 'staff', id: a.staffAccountId }, action, subjectPersonId, record: { type: 'plan', id: planId }, at });

/** The principals a plan could involve at all: its principals' agreement partners, its own municipality for an L-SIP. */
async function agreementPrincipals(db: Kysely<Database>, plan: repo.PlanRow) {
  const own = await repo.planPrincipalIds(db, plan.id);
  return plan.scope === 'local' ? directory.principalsByIds(db, own) : directory.principalsSharingAgreement(db, own);
}

/** The units, staff and coordinators of some principals. */
async function choicesOf(db: Kysely<Database>, principalIds: string[], extraCoordinator?: string | null) {
  const [units, staff] = await Promise.all([directory.unitsOfPrincipals(db, principalIds), directory.staffOfPrincipals(db, principalIds)]);
  const coordinators = new Map<string, { id: string; label: string }>();
  for (const s of staff) if (s.canCoordinate && !coordinators.has(s.id)) coordinators.set(s.id, { id: s.id, label: `${s.name}, ${s.unitName} (${s.principalName})` });
  if (extraCoordinator && !coordinators.has(extraCoordinator)) {
    const name = (await directory.staffNames(db, [extraCoordinator])).get(extraCoordinator);
    if (name) coordinators.set(extraCoordinator, { id: extraCoordinator, label: name.name });
  }
  return { units, staff, coordinators: [...coordinators.values()] };
}

/**
 * What the plan may involve: the principals the person's consent covers (`scope`, from planAccess), their
 * units, staff and coordinators. `outside` lists the agreement's other principals: a coordinator can only
 * ask the person to let one of them take part (consent-scope.service.ts), never choose it here.
 */
export async function planOptions(db: Kysely<Database>, plan: repo.PlanRow, scope: readonly string[], extraCoordinator?: string | null) {
  const all = await agreementPrincipals(db, plan);
  const covered = new Set(scope);
  const principals = all.filter((p) => covered.has(p.id));
  return { principals, outside: all.filter((p) => !covered.has(p.id)), ...(await choicesOf(db, principals.map((p) => p.id), extraCoordinator)) };
}

async function initialMeeting(db: Kysely<Database>, planId: string) {
  return (await meetings.meetingsOf(db, planId)).find((m) => m.kind === 'initial' && m.status !== 'cancelled');
}

/** The draft with participants filled in from the meeting's invitations the first time. */
async function draftWithParticipants(db: Kysely<Database>, plan: repo.PlanRow): Promise<PlanContent> {
  const content = asContent(plan.draft);
  if (content.participants.length > 0) return content;
  const meeting = await initialMeeting(db, plan.id);
  if (!meeting) return content;
  const invitations = await meetings.invitationsOf(db, meeting.id);
  content.participants = invitations.map((i) => ({
    id: crypto.randomUUID(),
    name: i.name,
    represents: i.organisation ?? '',
    role: '',
    present: i.answer !== 'notComing',
    invitationId: i.id,
  }));
  return content;
}

export async function editorContext(db: Kysely<Database>, plan: repo.PlanRow, scope: readonly string[], now: Date) {
  const [options, meeting] = await Promise.all([planOptions(db, plan, scope, plan.coordinatorStaffAccountId), initialMeeting(db, plan.id)]);
  const meetingDate = meeting ? swedishDate(meeting.startsAt) : null;
  return {
    options,
    meetingDate,
    validation: {
      today: swedishDate(now),
      meetingDate,
      unitIds: new Set(options.units.map((u) => u.id)),
      principalIds: new Set(options.principals.map((p) => p.id)),
      coordinatorIds: new Set(options.coordinators.map((c) => c.id)),
    },
  };
}

/** The editor page: the draft (as last saved), its revision, choices, and what is missing before an offer. */
export async function editor(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string) {
  const a = staffActor(actor);
  const { plan, consentScope } = await planAccess(db, a, planId, 'write');
  if (plan.status === 'closed') throw new AccessDenied();
  const now = clock.now();
  await audit(db, a, 'plan.read', plan.subjectPersonId, planId, now);
  const content = await draftWithParticipants(db, plan);
  if (content.coordinatorStaffAccountId === '' && plan.coordinatorStaffAccountId) content.coordinatorStaffAccountId = plan.coordinatorStaffAccountId;
  const ctx = await editorContext(db, plan, consentScope, now);
  return { plan, content, revision: plan.draftRevision, ...ctx, missing: missingForOffer(withoutEmptyRows(content)) };
}

export type SaveOutcome =
  | { ok: true; revision: number; issues: FieldIssue[]; missing: Missing[] }
  | { ok: false; conflict: { by: string | null; at: Date | null; revision: number } };

/**
 * Saves the posted draft if the plan has not changed since it was read (`revision`); validation
 * issues are reported but what was typed is kept. Empty rows are kept while editing (a row just
 * added) and dropped when checking.
 */
export async function saveDraft(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, content: PlanContent, revision: number): Promise<SaveOutcome> {
  const a = staffActor(actor);
  const { plan, consentScope } = await planAccess(db, a, planId, 'write');
  if (plan.status === 'closed') throw new AccessDenied();
  const now = clock.now();
  const ctx = await editorContext(db, plan, consentScope, now);
  const checked = withoutEmptyRows(content);
  const issues = validateContent(checked, ctx.validation);
  const saved = await db.transaction().execute(async (trx) => {
    // A revision no integer column holds matches no saved one (and never reaches SQL): a stale form.
    const next = isInt4(revision) ? await repo.saveDraft(trx, planId, content, revision, a.staffAccountId, now) : undefined;
    if (next === undefined) return undefined;
    await audit(trx, a, 'plan.write', plan.subjectPersonId, planId, now);
    return next;
  });
  if (saved === undefined) {
    const current = (await repo.findPlan(db, planId))!;
    return { ok: false, conflict: { by: current.draftUpdatedByName, at: current.draftUpdatedAt, revision: current.draftRevision } };
  }
  return { ok: true, revision: saved, issues, missing: missingForOffer(checked) };
}

export type OfferOutcome =
  | { ok: true; version: number; personEmail: string | null }
  | { ok: false; refusal: OfferRefusal; issues: FieldIssue[]; missing: Missing[] }
  | { ok: false; refusal: 'conflict'; conflict: { by: string | null; at: Date | null; revision: number } };

/** Writes the mail telling the person a plan waits for them, for the outbox. */
export type ComposeOffered = (facts: { to: string; reference: string }) => QueuedMail;

/**
 * Saves the draft and offers it to the person as the next version, in one transaction: the version
 * row (immutable), the units and principals responsible for actions join the plan, the coordinator and
 * lead principal are set, and the person's notice is queued. The person then accepts it on their own page.
 */
export async function offerPlan(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, content: PlanContent, revision: number, compose?: ComposeOffered): Promise<OfferOutcome> {
  const a = staffActor(actor);
  const { plan, consentScope } = await planAccess(db, a, planId, 'write');
  const now = clock.now();
  const ctx = await editorContext(db, plan, consentScope, now);
  const checked = withoutEmptyRows(content);
  const issues = validateContent(checked, ctx.validation);
  const missing = missingForOffer(checked);
  const latest = (await versionRepo.versionsOf(db, planId))[0];
  const first = await initialMeeting(db, plan.id);
  const person = first ? (await meetings.invitationsOf(db, first.id)).find((i) => i.kind === 'person') : undefined;
  const refusal = offerRefusal({
    status: plan.status,
    firstMeetingHeld: plan.firstMeetingHeldAt !== null,
    personAbsent: !!person && (person.answer === 'notComing' || person.attended === false),
    personWishes: checked.personWishes,
    issues,
    missing,
    sameAsLatestVersion: !!latest && sameContent(asContent(latest.content), checked),
  });
  if (refusal) {
    // Keep what was typed even when it cannot be offered yet.
    if (plan.status !== 'closed') {
      const saved = await saveDraft(db, actor, clock, planId, content, revision);
      if (!saved.ok) return { ok: false, refusal: 'conflict', conflict: saved.conflict };
    }
    return { ok: false, refusal, issues, missing };
  }
  const unitPrincipal = new Map(ctx.options.units.map((u) => [u.id, u.principalId]));
  // The coordinator's own unit takes part too: access to a plan is through its units (access.domain.ts).
  const coordinatorUnits = ctx.options.staff.filter((s) => s.id === checked.coordinatorStaffAccountId).map((s) => s.unitId);
  const units = [...new Set([...responsibleUnitIds(checked), ...coordinatorUnits])];
  const version = nextVersion(latest?.version ?? null);
  const done = await db.transaction().execute(async (trx) => {
    if (!isInt4(revision)) return false;
    const saved = await repo.saveDraft(trx, planId, checked, revision, a.staffAccountId, now, { coordinator: checked.coordinatorStaffAccountId, leadPrincipal: checked.leadPrincipalId });
    if (saved === undefined) return false;
    await versionRepo.insertVersion(trx, planId, version, checked, a.staffAccountId, now);
    await repo.addPlanUnits(trx, planId, units);
    await repo.addPlanPrincipals(trx, planId, [...new Set(units.map((u) => unitPrincipal.get(u)!).concat(checked.leadPrincipalId))]);
    await audit(trx, a, 'plan.offer', plan.subjectPersonId, planId, now);
    if (plan.subjectEmail && compose) await enqueueMails(trx, [compose({ to: plan.subjectEmail, reference: plan.reference })], now);
    return true;
  });
  if (!done) {
    const current = (await repo.findPlan(db, planId))!;
    return { ok: false, refusal: 'conflict', conflict: { by: current.draftUpdatedByName, at: current.draftUpdatedAt, revision: current.draftRevision } };
  }
  return { ok: true, version, personEmail: plan.subjectEmail };
}

/** One version of the plan, read-only (for staff; audited). */
export async function staffVersion(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, version: number) {
  const a = staffActor(actor);
  const { plan } = await planAccess(db, a, planId, 'read');
  const row = Number.isInteger(version) && version > 0 && version < 100_000 ? await versionRepo.findVersion(db, planId, version) : undefined;
  if (!row) throw new AccessDenied();
  await audit(db, a, 'plan.read', plan.subjectPersonId, planId, clock.now());
  return { plan, version: row, content: asContent(row.content), names: await namesFor(db, plan, asContent(row.content)) };
}

/** Names for the ids a plan holds (units, principals, staff), for showing it. */
export async function namesFor(db: Kysely<Database>, plan: repo.PlanRow, content: PlanContent) {
  const principals = await agreementPrincipals(db, plan);
  const options = { principals, ...(await choicesOf(db, principals.map((p) => p.id), content.coordinatorStaffAccountId || plan.coordinatorStaffAccountId)) };
  const staff = await directory.staffNames(db, [content.coordinatorStaffAccountId, content.followUpCalledBy].filter(Boolean));
  return {
    units: Object.fromEntries(options.units.map((u) => [u.id, `${u.name}, ${u.principalName}`])),
    principals: Object.fromEntries(options.principals.map((p) => [p.id, p.name])),
    staff: Object.fromEntries([...staff].map(([id, s]) => [id, s])),
  };
}
