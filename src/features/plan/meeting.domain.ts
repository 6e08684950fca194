/**
 * Preparing the meeting (Uppsala, seed 002): when and where, and whom to invite — units and staff,
 * external actors (Försäkringskassan, Arbetsförmedlingen, school, interpreter, voluntary
 * organisations) and the relatives the person wants. Invitations carry no health details. Pure.
 */
import { Issues, type Validated } from '../../shared/forms/form.ts';
import { daysBetween, swedishDate, type Deadline } from './deadline.domain.ts';
import { isDate } from './plan.domain.ts';
import { dateTimeFormat } from '../../shared/i18n/intl.ts';

export const PLACE_KINDS = ['home', 'service', 'digital', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const INVITEE_KINDS = ['staff', 'external', 'relative'] as const;
export type InviteeKind = (typeof INVITEE_KINDS)[number];
export type InvitationAnswer = 'pending' | 'coming' | 'notComing';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const LOCATION_MAX = 300;
export const NAME_MAX = 200;

export interface MeetingInput {
  date: string;
  startTime: string;
  endTime: string;
  placeKind: PlaceKind;
  location: string;
}

/** The meeting's time and place: a real date and start still ahead of `now`, an end after the start. */
export function validateMeeting(raw: Record<keyof MeetingInput, string>, now: Date): Validated<MeetingInput> {
  const issues = new Issues();
  const today = swedishDate(now);
  if (raw.date === '') issues.add('date', 'required');
  else if (!isDate(raw.date)) issues.add('date', 'invalidDate');
  else if (daysBetween(today, raw.date) < 0) issues.add('date', 'inThePast');
  if (raw.startTime === '') issues.add('startTime', 'required');
  else if (!TIME.test(raw.startTime)) issues.add('startTime', 'invalidTime');
  if (raw.endTime === '') issues.add('endTime', 'required');
  else if (!TIME.test(raw.endTime)) issues.add('endTime', 'invalidTime');
  else if (TIME.test(raw.startTime) && raw.endTime <= raw.startTime) issues.add('endTime', 'beforeStart');
  // Today, but at an hour that has passed: a meeting is booked ahead, never recorded after the fact.
  if (raw.date === today && TIME.test(raw.startTime) && swedishLocal(raw.date, raw.startTime) <= now) issues.add('startTime', 'inThePast');
  if (!(PLACE_KINDS as readonly string[]).includes(raw.placeKind)) issues.add('placeKind', 'required');
  issues.textField('location', raw.location, LOCATION_MAX);
  return issues.result({ ...raw, placeKind: raw.placeKind as PlaceKind });
}

export interface InviteeInput {
  kind: InviteeKind;
  staffAccountId: string;
  name: string;
  organisation: string;
  email: string;
}

/** Whom a staff invitee may be: the staff of the consented principals, and who is asking. */
export interface InviteeChoices {
  /** Staff of the principals the person's consent covers. */
  staffIds: ReadonlySet<string>;
  /** Staff of the agreement's other principals: known, but outside the consent. */
  outsideConsentStaffIds: ReadonlySet<string>;
  alreadyInvitedStaff: ReadonlySet<string>;
  /** The staff member inviting: they take part already and do not invite themselves. */
  self: string;
}

/**
 * One invitee: a staff member with an account (answers in the portal), or someone outside it by e-mail.
 * A staff member of a principal the person's consent does not cover is refused (the coordinator may ask
 * the person to widen it); inviting oneself too.
 */
export function validateInvitee(raw: Record<keyof InviteeInput, string>, choices: InviteeChoices): Validated<InviteeInput> {
  const issues = new Issues();
  const kind = raw.kind as InviteeKind;
  if (!(INVITEE_KINDS as readonly string[]).includes(raw.kind)) issues.add('kind', 'required');
  else if (kind === 'staff') {
    const { staffIds, outsideConsentStaffIds, alreadyInvitedStaff } = choices;
    if (raw.staffAccountId !== '' && raw.staffAccountId === choices.self) issues.add('staffAccountId', 'self');
    else if (outsideConsentStaffIds.has(raw.staffAccountId) && !staffIds.has(raw.staffAccountId)) issues.add('staffAccountId', 'outsideConsent');
    else if (!staffIds.has(raw.staffAccountId)) issues.add('staffAccountId', 'required');
    else if (alreadyInvitedStaff.has(raw.staffAccountId)) issues.add('staffAccountId', 'alreadyInvited');
  } else {
    issues.textField('name', raw.name, NAME_MAX);
    if (kind === 'external') issues.textField('organisation', raw.organisation, NAME_MAX);
    if (raw.email !== '' && (!EMAIL.test(raw.email) || raw.email.length > 254)) issues.add('email', 'invalidEmail');
  }
  return issues.result({ ...raw, kind });
}

/** "Coming" or "cannot come", with an optional substitute. */
export function validateAnswer(raw: { answer: string; substitute: string }): Validated<{ answer: 'coming' | 'notComing'; substitute: string }> {
  const issues = new Issues();
  if (raw.answer !== 'coming' && raw.answer !== 'notComing') issues.add('answer', 'required');
  issues.textField('substitute', raw.substitute, NAME_MAX, { required: false });
  return issues.result({ answer: raw.answer as 'coming' | 'notComing', substitute: raw.answer === 'notComing' ? raw.substitute : '' });
}

/** The meeting's start and end as instants, from a Swedish local date and times. */
export function meetingInstants(m: Pick<MeetingInput, 'date' | 'startTime' | 'endTime'>): { startsAt: Date; endsAt: Date } {
  return { startsAt: swedishLocal(m.date, m.startTime), endsAt: swedishLocal(m.date, m.endTime) };
}

/** An instant from a wall-clock time in Europe/Stockholm (handles summer time). */
export function swedishLocal(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  for (const offset of [1, 2]) {
    const candidate = new Date(guess.getTime() - offset * 3_600_000);
    const shown = dateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (shown === time) return candidate;
  }
  return new Date(guess.getTime() - 3_600_000);
}

/** Whether a meeting planned for `date` keeps the first-meeting deadline. */
export function meetingKeepsDeadline(date: string, firstMeeting: Deadline): boolean {
  return daysBetween(date, firstMeeting.dueDate) >= 0;
}

/** The facts of a meeting the rules below need. */
export interface MeetingFacts {
  kind: 'initial' | 'followUp';
  startsAt: Date;
  endsAt: Date;
  status: 'planned' | 'held' | 'cancelled';
}

/**
 * The one "next meeting" every page shows: the earliest planned meeting that has not ended, whatever its
 * kind (a first meeting still booked stays next even when a follow-up is booked after it). A closed plan
 * has nothing next.
 */
export function nextMeeting<M extends MeetingFacts>(meetings: readonly M[], planStatus: 'preparing' | 'active' | 'closed', now: Date): M | undefined {
  if (planStatus === 'closed') return undefined;
  return meetings.filter((m) => m.status === 'planned' && m.endsAt >= now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
}

/** Meetings that can be marked as held: planned, and their start has passed (any kind, the first one too). */
export function heldable<M extends MeetingFacts>(meetings: readonly M[], now: Date): M[] {
  return meetings.filter((m) => m.status === 'planned' && m.startsAt <= now);
}

/** What happens next in a plan, as the person reads it: one step, never three dates at once. */
export type NextStep<M> =
  | { kind: 'answerPlan' }
  | { kind: 'meeting'; meeting: M }
  | { kind: 'followUp'; dueDate: string; overdue: boolean }
  | { kind: 'meetingToBook' };

/**
 * The plan's next step: a version waiting for the person's answer; else the next meeting; else, for a
 * plan in force, the follow-up date decided (the coordinator calls to it); else a meeting to be booked.
 * Nothing for a closed plan.
 */
export function nextStep<M extends MeetingFacts>(input: { status: 'preparing' | 'active' | 'closed'; meetings: readonly M[]; offered: boolean; followUpDate: string | null; now: Date }): NextStep<M> | undefined {
  if (input.status === 'closed') return undefined;
  if (input.offered) return { kind: 'answerPlan' };
  const meeting = nextMeeting(input.meetings, input.status, input.now);
  if (meeting) return { kind: 'meeting', meeting };
  if (input.status === 'active' && input.followUpDate) return { kind: 'followUp', dueDate: input.followUpDate, overdue: input.followUpDate < swedishDate(input.now) };
  return { kind: 'meetingToBook' };
}
