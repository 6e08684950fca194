/**
 * Follow-up (uppföljning) as the seeds describe it: at the follow-up meeting each goal and sub-goal of the
 * plan in force is assessed — met, partly met, not met — with a comment, the person's own view beside the
 * staff view; then a decision: continue (with a new follow-up date), revise (a new version, handled like
 * the first plan), or close (together with the person). Pure rules: what to assess, validation, lateness.
 */
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import type { ClosingReason, FollowUpDecision, GoalValue } from '../../../db/schema.ts';
import { daysBetween, type Deadline } from '../plan/deadline.domain.ts';
import { isDate, type PlanContent } from '../plan/plan.domain.ts';

export const GOAL_VALUES: readonly GoalValue[] = ['met', 'partlyMet', 'notMet'];
export const DECISIONS: readonly FollowUpDecision[] = ['continue', 'revise', 'close'];
export const CLOSING_REASONS: readonly ClosingReason[] = ['goalsMet', 'noLongerNeeded', 'moved', 'other'];
export const COMMENT_MAX = 1000;
export const NOTE_MAX = 2000;
/** A follow-up further away than this is a typing error, not a plan. */
export const MAX_DAYS_AHEAD = 2 * 366;
/** The coordinator is reminded this many days before the follow-up date. */
export const REMIND_DAYS_BEFORE = 7;

/** One thing to assess: a goal, or a sub-goal of it. */
export interface Target {
  /** `goalId` or `goalId/subGoalId`: what the form posts back. */
  key: string;
  goalId: string;
  subGoalId: string;
  text: string;
  /** The goal's text, for a sub-goal. */
  parent: string | null;
}

/** The goals and sub-goals of a plan version, in the plan's order. */
export function targetsOf(content: PlanContent): Target[] {
  return content.goals.flatMap((g) => [
    { key: g.id, goalId: g.id, subGoalId: '', text: g.text, parent: null },
    ...g.subGoals.map((s) => ({ key: `${g.id}/${s.id}`, goalId: g.id, subGoalId: s.id, text: s.text, parent: g.text })),
  ]);
}

export interface AssessmentInput {
  key: string;
  staffValue: string;
  staffComment: string;
  personValue: string;
  personComment: string;
}

export interface FollowUpInput {
  assessments: AssessmentInput[];
  /** Invitation id → 'yes' | 'no' | '' (not recorded). */
  attendance: Record<string, string>;
  decision: string;
  nextDate: string;
  closingReason: string;
  note: string;
}

export interface Assessment {
  goalId: string;
  subGoalId: string;
  staffValue: GoalValue;
  staffComment: string;
  personValue: GoalValue | null;
  personComment: string;
}

export interface FollowUpResult {
  assessments: Assessment[];
  attendance: Record<string, boolean>;
  decision: FollowUpDecision;
  nextDate: string | null;
  closingReason: ClosingReason | null;
  note: string;
}

const isValue = (v: string): v is GoalValue => (GOAL_VALUES as readonly string[]).includes(v);

/**
 * Checks a follow-up: every goal and sub-goal of the version has the staff assessment (the person's view
 * may be left out — they may not have wanted to say); nothing may be assessed that is not in this plan;
 * the decision, the next follow-up date (in the future) for "continue" and "revise", a reason for "close".
 */
export function validateFollowUp(raw: FollowUpInput, targets: readonly Target[], invitationIds: ReadonlySet<string>, today: string): { ok: true; value: FollowUpResult } | { ok: false; issues: FieldIssue[] } {
  const issues = new Issues();
  const byKey = new Map(targets.map((t) => [t.key, t]));
  const seen = new Set<string>();
  const assessments: Assessment[] = [];
  raw.assessments.forEach((a, i) => {
    const target = byKey.get(a.key);
    if (!target || seen.has(a.key)) {
      issues.add('assessments', 'unknownGoal');
      return;
    }
    seen.add(a.key);
    if (!isValue(a.staffValue)) issues.add(`assessments.${i}.staffValue`, 'required');
    if (a.personValue !== '' && !isValue(a.personValue)) issues.add(`assessments.${i}.personValue`, 'invalid');
    issues.textField(`assessments.${i}.staffComment`, a.staffComment, COMMENT_MAX, { required: false });
    issues.textField(`assessments.${i}.personComment`, a.personComment, COMMENT_MAX, { required: false });
    if (isValue(a.staffValue)) {
      assessments.push({ goalId: target.goalId, subGoalId: target.subGoalId, staffValue: a.staffValue, staffComment: a.staffComment, personValue: isValue(a.personValue) ? a.personValue : null, personComment: a.personComment });
    }
  });
  if (seen.size < targets.length && !issues.list.some((x) => x.field === 'assessments')) issues.add('assessments', 'missing');
  const attendance: Record<string, boolean> = {};
  for (const [id, v] of Object.entries(raw.attendance)) {
    if (!invitationIds.has(id) || !['yes', 'no', ''].includes(v)) issues.add('attendance', 'invalid');
    else if (v !== '') attendance[id] = v === 'yes';
  }
  const decision = (DECISIONS as readonly string[]).includes(raw.decision) ? (raw.decision as FollowUpDecision) : null;
  if (!decision) issues.add('decision', 'required');
  let nextDate: string | null = null;
  if (decision === 'continue' || decision === 'revise') {
    if (raw.nextDate === '') issues.add('nextDate', 'required');
    else if (!isDate(raw.nextDate)) issues.add('nextDate', 'invalidDate');
    else if (daysBetween(today, raw.nextDate) <= 0) issues.add('nextDate', 'notInFuture');
    else if (daysBetween(today, raw.nextDate) > MAX_DAYS_AHEAD) issues.add('nextDate', 'tooFar');
    else nextDate = raw.nextDate;
  }
  const closingReason = (CLOSING_REASONS as readonly string[]).includes(raw.closingReason) ? (raw.closingReason as ClosingReason) : null;
  if (decision === 'close' && !closingReason) issues.add('closingReason', 'required');
  issues.textField('note', raw.note, NOTE_MAX, { required: decision === 'close' && closingReason === 'other' });
  if (!issues.ok || !decision) return { ok: false, issues: issues.list };
  return { ok: true, value: { assessments, attendance, decision, nextDate, closingReason: decision === 'close' ? closingReason : null, note: raw.note } };
}

/** The follow-up date as a deadline: due on the date, overdue after it, done when the plan is closed. */
export function followUpDeadline(followUpDate: string, today: string): Deadline {
  const daysLeft = daysBetween(today, followUpDate);
  return { dueDate: followUpDate, daysLeft, state: daysLeft < 0 ? 'overdue' : daysLeft === 0 ? 'dueToday' : 'onTime' };
}

/** Which reminder (if any) the coordinator should have by now for a follow-up date. */
export function reminderDue(followUpDate: string, today: string): 'before' | 'overdue' | null {
  const daysLeft = daysBetween(today, followUpDate);
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= REMIND_DAYS_BEFORE) return 'before';
  return null;
}

/** A closing proposal from staff: a reason, and a note when the reason is "other". */
export function validateClosing(raw: { reason: string; note: string }): { ok: true; value: { reason: ClosingReason; note: string } } | { ok: false; issues: FieldIssue[] } {
  const issues = new Issues();
  const reason = (CLOSING_REASONS as readonly string[]).includes(raw.reason) ? (raw.reason as ClosingReason) : null;
  if (!reason) issues.add('reason', 'required');
  issues.textField('note', raw.note, NOTE_MAX, { required: reason === 'other' });
  return reason && issues.ok ? { ok: true, value: { reason, note: raw.note } } : { ok: false, issues: issues.list };
}
