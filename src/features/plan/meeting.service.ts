/**
 * Preparation and invitations: the meeting's time and place, whom to invite (the person always), and
 * sending the invitations — in the portal for staff, and by e-mail with an iCalendar event. The mail
 * says only that there is a meeting, when and where, and where to log in: no health details.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { enqueueMails, type QueuedMail } from '../../shared/server/mail-outbox.ts';
import { AccessDenied, type Actor } from '../access/access.domain.ts';
import { deadline, swedishDate } from './deadline.domain.ts';
import { heldable, meetingInstants, meetingKeepsDeadline, validateAnswer, validateInvitee, validateMeeting, type MeetingInput } from './meeting.domain.ts';
import { followUpDeadline } from '../follow-up/follow-up.domain.ts';
import { inviteToFeedback, type FeedbackMail } from '../feedback/feedback.service.ts';
import { planOptions } from './plan-edit.service.ts';
import * as directory from './directory.repository.ts';
import * as intake from './intake.repository.ts';
import * as meetings from './meeting.repository.ts';
import * as repo from './plan.repository.ts';
import { planAccess, staffActor, type StaffActor } from './plan.service.ts';

/** The meeting being prepared: the first meeting while the plan is made, then the next follow-up. */
const meetingKind = (plan: repo.PlanRow): 'initial' | 'followUp' => (plan.status === 'active' ? 'followUp' : 'initial');

function currentMeeting(all: readonly meetings.MeetingRow[], plan: repo.PlanRow) {
  const kind = meetingKind(plan);
  return kind === 'initial' ? all.find((m) => m.kind === 'initial' && m.status !== 'cancelled') : all.find((m) => m.kind === 'followUp' && m.status === 'planned');
}

const audit = (db: Kysely<Database>, a: StaffActor, action: string, subjectPersonId: string, planId: string, at: Date) =>
  recordAudit(db, { actor: { kind: 'staff', id: a.staffAccountId }, action, subjectPersonId, record: { type: 'plan', id: planId }, at });

/** The preparation page: the person's wishes from the request, the meeting, the invitations and the choices. */
export async function preparation(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string) {
  const a = staffActor(actor);
  const { plan, consentScope } = await planAccess(db, a, planId, 'write');
  if (plan.status === 'closed') throw new AccessDenied();
  const now = clock.now();
  await audit(db, a, 'plan.read', plan.subjectPersonId, planId, now);
  const meeting = currentMeeting(await meetings.meetingsOf(db, planId), plan);
  const invitations = meeting ? await meetings.invitationsOf(db, meeting.id) : [];
  const request = plan.requestId ? await intake.requestForStaff(db, plan.requestId) : undefined;
  const options = await planOptions(db, plan, consentScope);
  const firstMeeting = deadline(plan.clockStartedAt, plan.firstMeetingDays, now, plan.firstMeetingHeldAt);
  return {
    plan,
    kind: meetingKind(plan),
    meeting,
    invitations,
    answers: (request?.answers ?? {}) as Record<string, unknown>,
    staffChoices: options.staff.filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i && s.id !== a.staffAccountId),
    /** The principals the person's consent covers, and the agreement's others (only by asking the person). */
    consented: options.principals,
    outsideConsent: options.outside,
    firstMeeting,
    followUp: plan.followUpDate ? followUpDeadline(plan.followUpDate, swedishDate(now)) : undefined,
    keepsDeadline: meeting ? meetingKeepsDeadline(swedishDate(meeting.startsAt), firstMeeting) : true,
  };
}

/** Sets (or moves) the meeting being prepared; the person is invited automatically. */
export async function saveMeeting(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: Record<keyof MeetingInput, string>): Promise<{ ok: true; meetingId: string } | { ok: false; issues: FieldIssue[] }> {
  const a = staffActor(actor);
  const { plan } = await planAccess(db, a, planId, 'write');
  if (plan.status === 'closed') throw new AccessDenied();
  const now = clock.now();
  const valid = validateMeeting(raw, now);
  if (!valid.ok) return valid;
  const { startsAt, endsAt } = meetingInstants(valid.value);
  const existing = (await meetings.meetingsOf(db, planId)).find((m) => m.kind === meetingKind(plan) && m.status === 'planned');
  return db.transaction().execute(async (trx) => {
    let meetingId = existing?.id;
    if (meetingId) await meetings.updateMeeting(trx, meetingId, { startsAt, endsAt, placeKind: valid.value.placeKind, location: valid.value.location });
    else {
      meetingId = await meetings.insertMeeting(trx, { planId, kind: meetingKind(plan), startsAt, endsAt, placeKind: valid.value.placeKind, location: valid.value.location, icsUid: `${crypto.randomUUID()}@sip-portalen`, at: now });
      await meetings.insertInvitation(trx, { meetingId, kind: 'person', staffAccountId: null, personId: plan.subjectPersonId, name: plan.subjectName, organisation: null, email: plan.subjectEmail }, now);
    }
    await audit(trx, a, 'meeting.plan', plan.subjectPersonId, planId, now);
    return { ok: true as const, meetingId };
  });
}

async function plannedMeeting(db: Kysely<Database>, plan: repo.PlanRow) {
  const meeting = (await meetings.meetingsOf(db, plan.id)).find((m) => m.kind === meetingKind(plan) && m.status === 'planned');
  if (!meeting) throw new AccessDenied();
  return meeting;
}

/** Adds one invitee: a staff member of a principal the plan may involve, or someone outside by name. */
export async function addInvitee(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: { kind: string; staffAccountId: string; name: string; organisation: string; email: string }): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const a = staffActor(actor);
  const { plan, consentScope } = await planAccess(db, a, planId, 'write');
  const meeting = await plannedMeeting(db, plan);
  const options = await planOptions(db, plan, consentScope);
  const [invitations, outsideStaff] = await Promise.all([meetings.invitationsOf(db, meeting.id), directory.staffOfPrincipals(db, options.outside.map((p) => p.id))]);
  const valid = validateInvitee(raw as never, {
    staffIds: new Set(options.staff.map((s) => s.id)),
    outsideConsentStaffIds: new Set(outsideStaff.map((s) => s.id)),
    alreadyInvitedStaff: new Set(invitations.map((i) => i.staffAccountId).filter((x): x is string => !!x)),
    self: a.staffAccountId,
  });
  if (!valid.ok) return valid;
  const now = clock.now();
  const v = valid.value;
  const staff = v.kind === 'staff' ? options.staff.find((s) => s.id === v.staffAccountId)! : undefined;
  try {
    await db.transaction().execute(async (trx) => {
      await meetings.insertInvitation(
        trx,
        staff
          ? { meetingId: meeting.id, kind: 'staff', staffAccountId: staff.id, personId: null, name: staff.name, organisation: `${staff.unitName}, ${staff.principalName}`, email: staff.email }
          : { meetingId: meeting.id, kind: v.kind, staffAccountId: null, personId: null, name: v.name, organisation: v.organisation || null, email: v.email || null },
        now,
      );
      // An invited staff member's unit takes part: its staff can read the plan (the unit's principal is
      // within the consent: validateInvitee refused any other).
      if (staff) {
        await repo.addPlanUnits(trx, planId, [staff.unitId]);
        await repo.addPlanPrincipals(trx, planId, [staff.principalId]);
      }
      await audit(trx, a, 'meeting.plan', plan.subjectPersonId, planId, now);
    });
  } catch (error) {
    // The same staff member added twice at the same moment.
    if ((error as { code?: string }).code === '23505') return { ok: false, issues: [{ field: 'staffAccountId', code: 'alreadyInvited' }] };
    throw error;
  }
  return { ok: true };
}

export async function removeInvitee(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, invitationId: string): Promise<void> {
  const a = staffActor(actor);
  const { plan } = await planAccess(db, a, planId, 'write');
  const meeting = await plannedMeeting(db, plan);
  const invitation = isUuid(invitationId) ? await meetings.findInvitation(db, invitationId) : undefined;
  if (!invitation || invitation.meetingId !== meeting.id || invitation.sentAt) throw new AccessDenied();
  await db.transaction().execute(async (trx) => {
    await meetings.deleteInvitation(trx, invitationId);
    await audit(trx, a, 'meeting.plan', plan.subjectPersonId, planId, clock.now());
  });
}

export interface InvitationMail {
  to: string;
  name: string;
  kind: 'person' | 'staff' | 'external' | 'relative';
}

/** The coordinator as invitations name them: who to answer, and how. */
export interface InvitationCoordinator {
  name: string;
  title: string | null;
  email: string | null;
}

/** Writes the invitation mails (with the meeting's calendar event) for the outbox. */
export type ComposeInvitations = (facts: { meeting: meetings.MeetingRow; reference: string; mails: InvitationMail[]; coordinator: InvitationCoordinator | null }) => QueuedMail[];

/**
 * Marks every unsent invitation as sent (staff then see it in the portal) and queues the e-mails in
 * the same transaction, with the meeting for the calendar event. Moving a meeting sends an update to
 * everyone. Returns the mails and how many were queued.
 */
export async function sendInvitations(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, compose?: ComposeInvitations): Promise<{ meeting: meetings.MeetingRow; mails: InvitationMail[]; reference: string; queued: number }> {
  const a = staffActor(actor);
  const { plan } = await planAccess(db, a, planId, 'write');
  const meeting = await plannedMeeting(db, plan);
  const now = clock.now();
  const invitations = await meetings.invitationsOf(db, meeting.id);
  const updated = meeting.icsSequence > 0;
  const toSend = invitations.filter((i) => !i.sentAt || updated);
  const mails = toSend.filter((i) => i.email).map((i) => ({ to: i.email!, name: i.name, kind: i.kind }));
  const found = plan.coordinatorStaffAccountId ? (await directory.staffNames(db, [plan.coordinatorStaffAccountId])).get(plan.coordinatorStaffAccountId) : undefined;
  const coordinator = found ? { name: found.name, title: found.title, email: found.email } : null;
  const queued = await db.transaction().execute(async (trx) => {
    await meetings.markInvitationsSent(trx, toSend.map((i) => i.id), now);
    await audit(trx, a, 'meeting.invite', plan.subjectPersonId, planId, now);
    return compose ? enqueueMails(trx, compose({ meeting, reference: plan.reference, mails, coordinator }), now) : 0;
  });
  return { meeting, reference: plan.reference, mails, queued };
}

/** Writes the SIP-kollen invitation mails for the outbox. */
export type ComposeFeedback = (mails: FeedbackMail[]) => QueuedMail[];

/**
 * A meeting took place — any planned meeting of the plan whose start has passed, the first meeting too:
 * the first one meets the first-meeting deadline and the coordinator goes on to write the plan; the person
 * and invited relatives are asked for SIP-kollen feedback (the mails queued in the same transaction, and
 * returned). A meeting that is not this plan's, not planned or not started yet is refused.
 */
export async function markHeld(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, meetingId: string, compose?: ComposeFeedback): Promise<FeedbackMail[]> {
  const a = staffActor(actor);
  const { plan } = await planAccess(db, a, planId, 'write');
  const now = clock.now();
  const meeting = heldable(await meetings.meetingsOf(db, plan.id), now).find((m) => m.id === meetingId);
  if (!meeting || plan.status === 'closed') throw new AccessDenied();
  const invitations = (await meetings.invitationsOf(db, meeting.id)).filter((i) => i.sentAt);
  return db.transaction().execute(async (trx) => {
    await meetings.markMeetingHeld(trx, meeting.id, planId, now);
    await audit(trx, a, 'meeting.held', plan.subjectPersonId, planId, now);
    const mails = await inviteToFeedback(trx, meeting.id, invitations, now);
    if (compose) await enqueueMails(trx, compose(mails), now);
    return mails;
  });
}

/** An invitation to this staff member, to read and answer. */
export async function myInvitation(db: Kysely<Database>, actor: Actor, invitationId: string) {
  const a = staffActor(actor);
  const invitation = isUuid(invitationId) ? await meetings.findInvitation(db, invitationId) : undefined;
  if (!invitation || invitation.staffAccountId !== a.staffAccountId) throw new AccessDenied();
  const meeting = (await meetings.findMeeting(db, invitation.meetingId))!;
  const plan = (await repo.findPlan(db, meeting.planId))!;
  return { invitation, meeting, reference: plan.reference, planId: plan.id, closed: plan.status === 'closed' || meeting.status !== 'planned' };
}

export async function answerInvitation(db: Kysely<Database>, actor: Actor, clock: Clock, invitationId: string, raw: { answer: string; substitute: string }): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const a = staffActor(actor);
  const { invitation, meeting, closed } = await myInvitation(db, a, invitationId);
  if (closed) throw new AccessDenied();
  const valid = validateAnswer(raw);
  if (!valid.ok) return valid;
  const now = clock.now();
  const plan = (await repo.findPlan(db, meeting.planId))!;
  await db.transaction().execute(async (trx) => {
    await meetings.answerInvitation(trx, invitation.id, valid.value.answer, valid.value.substitute, now);
    await audit(trx, a, 'invitation.answer', plan.subjectPersonId, plan.id, now);
  });
  return { ok: true };
}
