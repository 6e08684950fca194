/** SQL for follow-ups: decisions with their goal assessments, closing proposals, reminders. */
import { sql, type Kysely } from 'kysely';
import type { ClosingReason, Database, FollowUpDecision, GoalValue } from '../../../db/schema.ts';
import type { Assessment } from './follow-up.domain.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export interface FollowUpRow {
  id: string;
  meetingId: string;
  version: number;
  decision: FollowUpDecision;
  nextFollowUpDate: string | null;
  note: string;
  decidedAt: Date;
  decidedByName: string | null;
  meetingStartsAt: Date;
}

export interface AssessmentRow {
  followUpId: string;
  goalId: string;
  subGoalId: string;
  staffValue: GoalValue;
  staffComment: string;
  personValue: GoalValue | null;
  personComment: string;
}

/** The plan's follow-ups, newest first. */
export async function followUpsOf(db: Kysely<Database>, planId: string): Promise<FollowUpRow[]> {
  return followUpsOfQuery.rows(db, planId);
}
const followUpsOfQuery = prepared((db: Kysely<Database>, planId: string) =>
  db
    .selectFrom('follow_up as f')
    .innerJoin('meeting as m', 'm.id', 'f.meeting_id')
    .leftJoin('staff_account as s', 's.id', 'f.decided_by_staff_account_id')
    .select(['f.id', 'f.meeting_id as meetingId', 'f.version', 'f.decision', 'f.next_follow_up_date as nextFollowUpDate', 'f.note', 'f.decided_at as decidedAt', 's.name as decidedByName', 'm.starts_at as meetingStartsAt'])
    .where('f.plan_id', '=', planId)
    .orderBy('f.decided_at', 'desc'),
);

export async function assessmentsOf(db: Kysely<Database>, followUpIds: string[]): Promise<AssessmentRow[]> {
  if (followUpIds.length === 0) return [];
  return assessmentsOfQuery.rows(db, followUpIds);
}
const assessmentsOfQuery = prepared((db: Kysely<Database>, followUpIds: readonly string[]) =>
  db
    .selectFrom('goal_assessment')
    .select(['follow_up_id as followUpId', 'goal_id as goalId', 'sub_goal_id as subGoalId', 'staff_value as staffValue', 'staff_comment as staffComment', 'person_value as personValue', 'person_comment as personComment'])
    .where('follow_up_id', 'in', followUpIds),
);

export async function hasFollowUp(db: Kysely<Database>, meetingId: string): Promise<boolean> {
  return !!(await db.selectFrom('follow_up').select('id').where('meeting_id', '=', meetingId).executeTakeFirst());
}

/**
 * Records the follow-up and its assessments (the meeting must not have one: unique meeting_id), with the
 * follow-up date it was due (read before the decision sets the next one).
 */
export async function insertFollowUp(
  db: Kysely<Database>,
  f: { planId: string; meetingId: string; version: number; decision: FollowUpDecision; nextDate: string | null; note: string; by: string; at: Date },
  assessments: readonly Assessment[],
): Promise<string> {
  const { id } = await db
    .insertInto('follow_up')
    .values({ plan_id: f.planId, meeting_id: f.meetingId, version: f.version, decision: f.decision, next_follow_up_date: f.nextDate, note: f.note, decided_by_staff_account_id: f.by, decided_at: f.at, due_date: sql<string | null>`(select follow_up_date from plan where id = ${f.planId})` })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (assessments.length > 0) {
    await db
      .insertInto('goal_assessment')
      .values(assessments.map((a) => ({ follow_up_id: id, goal_id: a.goalId, sub_goal_id: a.subGoalId, staff_value: a.staffValue, staff_comment: a.staffComment, person_value: a.personValue, person_comment: a.personComment })))
      .execute();
  }
  await db.updateTable('meeting').set({ follow_up_draft: null }).where('id', '=', f.meetingId).execute();
  return id;
}

export async function setFollowUpDate(db: Kysely<Database>, planId: string, date: string | null): Promise<void> {
  await db.updateTable('plan').set({ follow_up_date: date }).where('id', '=', planId).execute();
}

export async function proposeClosing(db: Kysely<Database>, planId: string, reason: ClosingReason, note: string, by: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('plan')
    .set({ closing_reason: reason, closing_note: note, closing_proposed_at: at, closing_proposed_by_staff_account_id: by, closing_declined_at: null, closing_declined_comment: null, follow_up_date: null })
    .where('id', '=', planId)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The person confirms: the plan closes with the proposed reason. Only a standing proposal can be confirmed. */
export async function confirmClosing(db: Kysely<Database>, planId: string, proposedAt: Date, byPersonId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('plan')
    .set((eb) => ({ status: 'closed', closed_at: at, closed_reason: eb.ref('closing_reason'), closed_confirmed_by_person_id: byPersonId, offered_version: null }))
    .where('id', '=', planId)
    .where('status', '<>', 'closed')
    .where('closing_proposed_at', '=', proposedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The person says "not yet": the proposal is withdrawn and their comment kept for the coordinator. */
export async function declineClosing(db: Kysely<Database>, planId: string, proposedAt: Date, comment: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('plan')
    .set({ closing_reason: null, closing_note: null, closing_proposed_at: null, closing_proposed_by_staff_account_id: null, closing_declined_at: at, closing_declined_comment: comment })
    .where('id', '=', planId)
    .where('status', '<>', 'closed')
    .where('closing_proposed_at', '=', proposedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface ReminderCandidate {
  planId: string;
  reference: string;
  followUpDate: string;
  coordinatorEmail: string | null;
  coordinatorName: string | null;
}

/** Active plans with a follow-up date on or before `until`, no closing proposal, and their coordinator. */
export async function followUpsDueBy(db: Kysely<Database>, until: string): Promise<ReminderCandidate[]> {
  return db
    .selectFrom('plan as pl')
    .leftJoin('staff_account as c', 'c.id', 'pl.coordinator_staff_account_id')
    .select(['pl.id as planId', 'pl.reference', sql<string>`pl.follow_up_date`.as('followUpDate'), 'c.email as coordinatorEmail', 'c.name as coordinatorName'])
    .where('pl.status', '=', 'active')
    .where('pl.follow_up_date', 'is not', null)
    .where('pl.follow_up_date', '<=', until)
    .where('pl.closing_proposed_at', 'is', null)
    .orderBy('pl.follow_up_date')
    .execute();
}

/** Claims a reminder: true only for the one caller that inserted it (the primary key makes it exactly once). */
export async function claimReminder(db: Kysely<Database>, planId: string, followUpDate: string, kind: 'before' | 'overdue', at: Date): Promise<boolean> {
  const rows = await db
    .insertInto('follow_up_reminder')
    .values({ plan_id: planId, follow_up_date: followUpDate, kind, sent_at: at })
    .onConflict((oc) => oc.doNothing())
    .returning('plan_id')
    .execute();
  return rows.length === 1;
}
