/**
 * When the dashboard may show SIP-kollen (docs/feedback-anonymity.md): answers are released in batches of
 * at least k and filed under the quarter of their release, so figures are shown only for whole quarters
 * (a quarter or a year) that have ended — a period that can no longer change — and only for the whole
 * agreement (an answer keeps no principals). An answer given today therefore changes nothing a manager
 * can read until its quarter has ended, and then only together with every other answer of that quarter.
 * Pure.
 */
import type { Period } from './period.domain.ts';

/** Whether SIP-kollen figures and free texts of `period` may be shown in the scope ('' = whole agreement). */
export function feedbackReleased(period: Period, thisMonth: string, scope: string): boolean {
  return scope === '' && period.kind !== 'month' && period.months.at(-1)! < thisMonth;
}

/** The quarters ('YYYY-Qn') a released period covers. */
export function quartersOf(period: Period): string[] {
  return [...new Set(period.months.map((m) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`))];
}
