/**
 * Deadlines per agreement (överenskommelse). Each principal belongs to a county agreement whose rules
 * are data, not code: days to the first contact with the person, days to the first meeting (Halland:
 * 30 days; an L-SIP in Skövde: three weeks), whether schools are principals. The clock starts when
 * the person's consent is in place. Dates are calendar days in Swedish time. Pure.
 */
import { dateTimeFormat } from '../../shared/i18n/intl.ts';

export type PlanScope = 'regional' | 'local';
export const PLAN_SCOPES: readonly PlanScope[] = ['regional', 'local'];

export interface AgreementRules {
  firstContactDays: number;
  firstMeetingDays: number;
  /** Days to the first meeting of a local plan (L-SIP); null: the agreement has no local plans. */
  localFirstMeetingDays: number | null;
  schoolsArePrincipals: boolean;
}

let swedishDay: Intl.DateTimeFormat | undefined;
/** The last instant asked for and its date: a list asks for the same "now" on every row. */
let last: { ms: number; date: string } | undefined;

/** The calendar date (YYYY-MM-DD) of an instant in Sweden. */
export function swedishDate(at: Date): string {
  const ms = at.getTime();
  if (last?.ms === ms) return last.date;
  swedishDay ??= dateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
  last = { ms, date: swedishDay.format(at) };
  return last.date;
}

function utcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

export function addDays(date: string, days: number): string {
  return new Date((utcDay(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return utcDay(to) - utcDay(from);
}

/** Days to the first meeting for a plan of this scope, or null when the agreement does not allow it. */
export function firstMeetingDays(rules: AgreementRules, scope: PlanScope): number | null {
  return scope === 'local' ? rules.localFirstMeetingDays : rules.firstMeetingDays;
}

/**
 * When a plan involves principals of more than one agreement, every one of them must be kept: the
 * shortest deadline applies, and a local plan only if every agreement has one.
 */
export function combinedRules(all: readonly AgreementRules[]): AgreementRules | null {
  if (all.length === 0) return null;
  const local = all.map((r) => r.localFirstMeetingDays);
  return {
    firstContactDays: Math.min(...all.map((r) => r.firstContactDays)),
    firstMeetingDays: Math.min(...all.map((r) => r.firstMeetingDays)),
    localFirstMeetingDays: local.every((d): d is number => d !== null) ? Math.min(...local) : null,
    schoolsArePrincipals: all.every((r) => r.schoolsArePrincipals),
  };
}

export type DeadlineState = 'done' | 'onTime' | 'dueToday' | 'overdue';

export interface Deadline {
  dueDate: string;
  /** Days from today to the due date; negative when overdue. */
  daysLeft: number;
  state: DeadlineState;
}

/** A deadline `days` after `startedAt`; `doneAt` set when what was due has happened. */
export function deadline(startedAt: Date, days: number, now: Date, doneAt: Date | null = null): Deadline {
  const dueDate = addDays(swedishDate(startedAt), days);
  const daysLeft = daysBetween(swedishDate(now), dueDate);
  if (doneAt) return { dueDate, daysLeft, state: 'done' };
  return { dueDate, daysLeft, state: daysLeft < 0 ? 'overdue' : daysLeft === 0 ? 'dueToday' : 'onTime' };
}
