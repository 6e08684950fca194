/**
 * Follow-up for staff: the form for a follow-up meeting that has taken place (each goal and sub-goal of
 * the plan in force, staff view and the person's view, attendance, the decision), kept as a draft until
 * recorded; a closing proposal the person confirms. Every read and write is audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { enqueueMails } from '../../shared/server/mail-outbox.ts';
import { AccessDenied, type Actor } from '../access/access.domain.ts';
import { swedishDate } from '../plan/deadline.domain.ts';
import { asContent } from '../plan/plan.domain.ts';
import { planAccess, staffActor, type AccessedPlan, type StaffActor } from '../plan/plan.service.ts';
import type { ComposeFeedback } from '../plan/meeting.service.ts';
import * as meetings from '../plan/meeting.repository.ts';
import * as versionRepo from '../plan/version.repository.ts';
import { inviteToFeedback, type FeedbackMail } from '../feedback/feedback.service.ts';
import * as deviationRepo from '../deviation/deviation.repository.ts';
import { followUpDeadline, targetsOf, validateClosing, validateFollowUp, type FollowUpInput } from './follow-up.domain.ts';
import * as repo from './follow-up.repository.ts';

const audit = (db: Kysely<Database>, a: StaffActor, action: string, subjectPersonId: string, planId: string, at: Date) =>
  recordAudit(db, { actor: { kind: 'staff', id: a.staffAccountId }, action, subjectPersonId, record: { type: 'plan', id: planId }, at });

/** The follow-up meeting waiting for its record: started, not cancelled, no follow-up recorded yet. */
async function pendingMeeting(db: Kysely<Database>, planId: string, now: Date) {
  const candidates = (await meetings.meetingsOf(db, planId)).filter((m) => m.kind === 'followUp' && m.status !== 'cancelled' && m.startsAt <= now);
  for (const m of candidates.reverse()) if (!(await repo.hasFollowUp(db, m.id))) return m;
  return undefined;
}

async function activeContent(db: Kysely<Database>, planId: string, version: number | null) {
  const v = version !== null ? await versionRepo.findVersion(db, planId, version) : undefined;
  if (!v) throw new AccessDenied();
  return { version: v.version, content: asContent(v.content) };
}

/** What the follow-up page shows. `meeting` undefined: no follow-up meeting has taken place yet. */
export async function followUpForm(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string) {
  const a = staffActor(actor);
  const { plan } = await planAccess(db, a, planId, 'write');
  if (plan.status !== 'active') throw new AccessDenied();
  const now = clock.now();
  await audit(db, a, 'plan.read', plan.subjectPersonId, planId, now);
  const meeting = await pendingMeeting(db, planId, now);
  const { version, content } = await activeContent(db, planId, plan.activeVersion);
  const invitations = meeting ? (await meetings.invitationsOf(db, meeting.id)).filter((i) => i.sentAt) : [];
  return { plan, meeting, version, content, targets: targetsOf(content), invitations, draft: (meeting?.followUpDraft ?? null) as FollowUpInput | null, today: swedishDate(now) };
}

export type FollowUpOutcome = { ok: true; saved: true } | { ok: true; saved: false; decision: 'continue' | 'revise' | 'close'; mails: FeedbackMail[] } | { ok: false; issues: FieldIssue[] };

/**
 * "Save" keeps what was typed (no checks: work in progress); "record" checks everything and, in one
 * transaction, stores the assessments and the decision, notes who came, marks the meeting held (SIP-kollen
 * invitations go out) and applies the decision: a new follow-up date, or a closing proposal.
 */
export async function saveFollowUp(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: FollowUpInput, intent: 'save' | 'record', compose?: ComposeFeedback): Promise<FollowUpOutcome> {
  const f = await followUpForm(db, actor, clock, planId);
  const a = staffActor(actor);
  if (!f.meeting) throw new AccessDenied();
  const meeting = f.meeting;
  const now = clock.now();
  if (intent === 'save') {
    await db.transaction().execute(async (trx) => {
      await meetings.saveFollowUpDraft(trx, meeting.id, raw);
      await audit(trx, a, 'plan.write', f.plan.subjectPersonId, planId, now);
    });
    return { ok: true, saved: true };
  }
  const valid = validateFollowUp(raw, f.targets, new Set(f.invitations.map((i) => i.id)), f.today);
  if (!valid.ok) return valid;
  const v = valid.value;
  try {
    const mails = await db.transaction().execute(async (trx) => {
      await repo.insertFollowUp(trx, { planId, meetingId: meeting.id, version: f.version, decision: v.decision, nextDate: v.nextDate, note: v.note, by: a.staffAccountId, at: now }, v.assessments);
      await meetings.setAttendance(trx, meeting.id, v.attendance);
      let mails: FeedbackMail[] = [];
      if (meeting.status === 'planned') {
        await meetings.markMeetingHeld(trx, meeting.id, planId, now);
        mails = await inviteToFeedback(trx, meeting.id, f.invitations, now);
        if (compose) await enqueueMails(trx, compose(mails), now);
      }
      if (v.decision === 'close') await repo.proposeClosing(trx, planId, v.closingReason!, v.note, a.staffAccountId, now);
      else await repo.setFollowUpDate(trx, planId, v.nextDate);
      await audit(trx, a, 'followUp.record', f.plan.subjectPersonId, planId, now);
      return mails;
    });
    return { ok: true, saved: false, decision: v.decision, mails };
  } catch (error) {
    // Recorded by someone else a moment ago (one follow-up per meeting).
    if ((error as { code?: string }).code === '23505') return { ok: false, issues: [{ field: 'decision', code: 'alreadyRecorded' }] };
    throw error;
  }
}

/** A closing proposal outside a follow-up (e.g. the person has moved): the person confirms on their page. */
export async function proposeClosing(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: { reason: string; note: string }): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const a = staffActor(actor);
  const { plan } = await planAccess(db, a, planId, 'write');
  if (plan.status === 'closed') throw new AccessDenied();
  const valid = validateClosing(raw);
  if (!valid.ok) return valid;
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await repo.proposeClosing(trx, planId, valid.value.reason, valid.value.note, a.staffAccountId, now);
    await audit(trx, a, 'plan.proposeClosing', plan.subjectPersonId, planId, now);
  });
  return { ok: true };
}

/** The follow-ups of a plan with their assessments, newest first (for staff and the person alike). */
export async function followUpHistory(db: Kysely<Database>, planId: string) {
  const followUps = await repo.followUpsOf(db, planId);
  const assessments = await repo.assessmentsOf(db, followUps.map((f) => f.id));
  const versions = new Map<number, ReturnType<typeof targetsOf>>();
  for (const f of followUps) {
    if (!versions.has(f.version)) {
      const v = await versionRepo.findVersion(db, planId, f.version);
      versions.set(f.version, v ? targetsOf(asContent(v.content)) : []);
    }
  }
  return followUps.map((f) => ({
    ...f,
    assessments: (versions.get(f.version) ?? [])
      .map((t) => ({ target: t, assessment: assessments.find((x) => x.followUpId === f.id && x.goalId === t.goalId && x.subGoalId === t.subGoalId) }))
      .filter((x) => x.assessment),
  }));
}

/**
 * The follow-up part of the staff plan page, of the plan planOverview read (and audited) for this actor.
 */
export async function followUpOverview(db: Kysely<Database>, actor: Actor, clock: Clock, plan: AccessedPlan) {
  const a = staffActor(actor);
  const planId = plan.id;
  const today = swedishDate(clock.now());
  return {
    followUp: plan.status === 'active' && plan.followUpDate ? followUpDeadline(plan.followUpDate, today) : undefined,
    followUps: await followUpHistory(db, planId),
    myDeviations: await deviationRepo.deviationsOnPlan(db, planId, { staffAccountId: a.staffAccountId }),
  };
}
