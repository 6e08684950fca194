/**
 * The plan (samordnad individuell plan) as the meeting writes it, following the agenda a–f of the
 * Halland routine (seed 000) and showing Uppsala's list of what a plan must hold (seed 002): personal
 * details, participants, needs, goals and sub-goals, what each principal and unit does, what others
 * do, the lead principal, follow-up and evaluation, contact persons. Pure: validation, completeness
 * (what is missing before the plan can be offered to the person) and versioning rules.
 */
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import { daysBetween } from './deadline.domain.ts';

export const PLAN_TEXT_MAX = 4000;
export const PLAN_ROW_MAX = 1000;
export const PLAN_NAME_MAX = 200;
export const MAX_ROWS = 40;

export type PlanStatus = 'preparing' | 'active' | 'closed';
export const PARTICIPANT_ROLES = ['', 'chair', 'secretary'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const RESPONSIBLE_KINDS = ['unit', 'actor', 'person'] as const;
export type ResponsibleKind = (typeof RESPONSIBLE_KINDS)[number];

export interface Participant {
  id: string;
  name: string;
  /** What they are there as: a unit, an organisation, "the person", "relative". */
  represents: string;
  role: ParticipantRole;
  present: boolean;
  /** Set when the participant was invited through the portal (absence can become a noShow deviation). */
  invitationId?: string;
}

export interface Need {
  id: string;
  text: string;
}

export interface SubGoal {
  id: string;
  text: string;
}

export interface Goal {
  id: string;
  text: string;
  subGoals: SubGoal[];
}

export interface PlanAction {
  id: string;
  what: string;
  /** The goal it serves, '' when none. */
  goalId: string;
  responsibleKind: ResponsibleKind | '';
  unitId: string;
  actorName: string;
  when: string;
  /** YYYY-MM-DD */
  followUpDate: string;
}

/** What the meeting writes; agenda points in comments. Text fields are as typed (trimmed). */
export interface PlanContent {
  /** a) who took part */
  participants: Participant[];
  /** b) the current situation */
  currentSituation: string;
  /** c) how the person would like it */
  personWishes: string;
  /** d) planned care and support */
  needs: Need[];
  goals: Goal[];
  actions: PlanAction[];
  /** e) other matters */
  otherMatters: string;
  /** f) follow-up, coordinator, lead principal */
  followUpDate: string;
  followUpCalledBy: string;
  coordinatorStaffAccountId: string;
  leadPrincipalId: string;
  contactPersons: string;
}

export function emptyContent(seed: Partial<PlanContent> = {}): PlanContent {
  return {
    participants: [],
    currentSituation: '',
    personWishes: '',
    needs: [],
    goals: [],
    actions: [],
    otherMatters: '',
    followUpDate: '',
    followUpCalledBy: '',
    coordinatorStaffAccountId: '',
    leadPrincipalId: '',
    contactPersons: '',
    ...seed,
  };
}

/** A stored draft or version, read defensively (older shapes, missing arrays). */
export function asContent(data: unknown): PlanContent {
  const base = emptyContent();
  if (!data || typeof data !== 'object' || Array.isArray(data)) return base;
  const d = data as Partial<PlanContent>;
  return {
    ...base,
    ...d,
    participants: Array.isArray(d.participants) ? d.participants : [],
    needs: Array.isArray(d.needs) ? d.needs : [],
    goals: Array.isArray(d.goals) ? d.goals.map((g) => ({ ...g, subGoals: Array.isArray(g.subGoals) ? g.subGoals : [] })) : [],
    actions: Array.isArray(d.actions) ? d.actions : [],
  };
}

const blank = (...values: string[]) => values.every((v) => v === '');

/** Rows left completely empty ("add another" pressed, nothing written) are dropped on save. */
export function withoutEmptyRows(c: PlanContent): PlanContent {
  return {
    ...c,
    participants: c.participants.filter((p) => !blank(p.name, p.represents) || p.invitationId),
    needs: c.needs.filter((n) => n.text !== ''),
    goals: c.goals
      .map((g) => ({ ...g, subGoals: g.subGoals.filter((s) => s.text !== '') }))
      .filter((g) => g.text !== '' || g.subGoals.length > 0),
    actions: c.actions.filter((a) => !blank(a.what, a.responsibleKind, a.unitId, a.actorName, a.when, a.followUpDate)),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

export interface PlanContext {
  /** Today in Sweden, YYYY-MM-DD. */
  today: string;
  /** The date of the meeting the plan is made at, when there is one. */
  meetingDate: string | null;
  /** Units that may be named as responsible (units of the plan's principals). */
  unitIds: ReadonlySet<string>;
  principalIds: ReadonlySet<string>;
  coordinatorIds: ReadonlySet<string>;
}

/** Checks a date field: valid, not in the past, not before the meeting. */
function futureDate(issues: Issues, field: string, value: string, ctx: PlanContext, required: boolean): void {
  if (value === '') {
    if (required) issues.add(field, 'required');
    return;
  }
  if (!isDate(value)) issues.add(field, 'invalidDate');
  else if (daysBetween(ctx.today, value) < 0) issues.add(field, 'inThePast');
  else if (ctx.meetingDate && daysBetween(ctx.meetingDate, value) <= 0) issues.add(field, 'beforeMeeting');
}

/**
 * Validates what was written (empty rows already dropped). Incomplete is allowed here — a plan is
 * written over time; `missingForOffer` says what must be there before the person is asked to accept.
 */
export function validateContent(c: PlanContent, ctx: PlanContext): FieldIssue[] {
  const issues = new Issues();
  c.participants.forEach((p, i) => {
    issues.textField(`participants.${i}.name`, p.name, PLAN_NAME_MAX);
    issues.textField(`participants.${i}.represents`, p.represents, PLAN_NAME_MAX, { required: false });
    if (!PARTICIPANT_ROLES.includes(p.role)) issues.add(`participants.${i}.role`, 'invalid');
  });
  if (c.participants.filter((p) => p.role === 'chair').length > 1) issues.add('participants', 'oneChair');
  issues.textField('currentSituation', c.currentSituation, PLAN_TEXT_MAX, { required: false });
  issues.textField('personWishes', c.personWishes, PLAN_TEXT_MAX, { required: false });
  c.needs.forEach((n, i) => issues.textField(`needs.${i}.text`, n.text, PLAN_ROW_MAX));
  c.goals.forEach((g, i) => {
    issues.textField(`goals.${i}.text`, g.text, PLAN_ROW_MAX);
    g.subGoals.forEach((s, j) => issues.textField(`goals.${i}.subGoals.${j}.text`, s.text, PLAN_ROW_MAX));
  });
  const goalIds = new Set(c.goals.map((g) => g.id));
  c.actions.forEach((a, i) => {
    issues.textField(`actions.${i}.what`, a.what, PLAN_ROW_MAX);
    if (a.goalId !== '' && !goalIds.has(a.goalId)) issues.add(`actions.${i}.goalId`, 'invalid');
    if (a.responsibleKind === '') issues.add(`actions.${i}.responsibleKind`, 'required');
    else if (!RESPONSIBLE_KINDS.includes(a.responsibleKind)) issues.add(`actions.${i}.responsibleKind`, 'required');
    else if (a.responsibleKind === 'unit' && !ctx.unitIds.has(a.unitId)) issues.add(`actions.${i}.unitId`, 'required');
    else if (a.responsibleKind === 'actor') issues.textField(`actions.${i}.actorName`, a.actorName, PLAN_NAME_MAX);
    issues.textField(`actions.${i}.when`, a.when, PLAN_NAME_MAX);
    futureDate(issues, `actions.${i}.followUpDate`, a.followUpDate, ctx, false);
  });
  issues.textField('otherMatters', c.otherMatters, PLAN_TEXT_MAX, { required: false });
  futureDate(issues, 'followUpDate', c.followUpDate, ctx, false);
  if (c.followUpCalledBy !== '' && !ctx.coordinatorIds.has(c.followUpCalledBy)) issues.add('followUpCalledBy', 'invalid');
  if (c.coordinatorStaffAccountId !== '' && !ctx.coordinatorIds.has(c.coordinatorStaffAccountId)) issues.add('coordinatorStaffAccountId', 'invalid');
  if (c.leadPrincipalId !== '' && !ctx.principalIds.has(c.leadPrincipalId)) issues.add('leadPrincipalId', 'invalid');
  issues.textField('contactPersons', c.contactPersons, PLAN_TEXT_MAX, { required: false });
  for (const [name, rows] of [['participants', c.participants], ['needs', c.needs], ['goals', c.goals], ['actions', c.actions]] as const) {
    if (rows.length > MAX_ROWS) issues.add(name, 'tooMany', { max: MAX_ROWS });
  }
  return issues.list;
}

export const COMPLETENESS = ['participants', 'needs', 'goals', 'actions', 'principalAction', 'leadPrincipal', 'followUpDate', 'coordinator'] as const;
export type Missing = (typeof COMPLETENESS)[number];

/**
 * What Uppsala's list still lacks before the plan can be offered to the person: who took part (and
 * was there), at least one need, goal and action, something a principal's unit does, the lead
 * principal, the follow-up date and the coordinator (the person's contact).
 */
export function missingForOffer(c: PlanContent): Missing[] {
  const missing: Missing[] = [];
  if (!c.participants.some((p) => p.present)) missing.push('participants');
  if (c.needs.length === 0) missing.push('needs');
  if (c.goals.filter((g) => g.text !== '').length === 0) missing.push('goals');
  if (c.actions.length === 0) missing.push('actions');
  if (!c.actions.some((a) => a.responsibleKind === 'unit')) missing.push('principalAction');
  if (c.leadPrincipalId === '') missing.push('leadPrincipal');
  if (c.followUpDate === '') missing.push('followUpDate');
  if (c.coordinatorStaffAccountId === '') missing.push('coordinator');
  return missing;
}

/** Participants who were invited through the portal and did not come: candidates for a noShow deviation. */
export function absentInvitees(c: PlanContent): Participant[] {
  return c.participants.filter((p) => p.invitationId && !p.present);
}

/**
 * The version an offer creates: versions are numbered from 1 and never change once written; an
 * active plan that is changed gets a new version, the earlier ones stay readable.
 */
export function nextVersion(latest: number | null): number {
  return (latest ?? 0) + 1;
}

export type OfferRefusal = 'closed' | 'meetingNotHeld' | 'wishesMissing' | 'incomplete' | 'invalid' | 'unchanged';

/**
 * Whether the draft may be offered to the person for acceptance now. The plan is made at the meeting
 * (seeds 000 and 002), so not before the first meeting was held; and when the person did not take part,
 * only with their wishes written into it (002: their views are gathered beforehand and brought in).
 */
export function offerRefusal(input: { status: PlanStatus; firstMeetingHeld: boolean; personAbsent: boolean; personWishes: string; issues: readonly FieldIssue[]; missing: readonly Missing[]; sameAsLatestVersion: boolean }): OfferRefusal | null {
  if (input.status === 'closed') return 'closed';
  if (!input.firstMeetingHeld) return 'meetingNotHeld';
  if (input.personAbsent && input.personWishes.trim() === '') return 'wishesMissing';
  if (input.issues.length > 0) return 'invalid';
  if (input.missing.length > 0) return 'incomplete';
  if (input.sameAsLatestVersion) return 'unchanged';
  return null;
}

/** Plain structural equality of two contents (for "nothing changed since the last version"). */
export function sameContent(a: PlanContent, b: PlanContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Units responsible for an action: they take part in the plan and see it. */
export function responsibleUnitIds(c: PlanContent): string[] {
  return [...new Set(c.actions.filter((a) => a.responsibleKind === 'unit' && a.unitId).map((a) => a.unitId))];
}
