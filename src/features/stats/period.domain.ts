/**
 * The dashboard's periods: a calendar month, quarter or year, compared with the one before. Only whole
 * calendar periods: a free range (say January–March beside February–March) would let a hidden month be
 * worked out by subtraction. Pure.
 */

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  kind: PeriodKind;
  /** '2026-11', '2026-Q3' or '2026': the value in the shareable URL. */
  key: string;
  year: number;
  /** Quarter 1–4 or month 1–12 (year: 0). */
  part: number;
  /** The months it covers, 'YYYY-MM', in order. */
  months: string[];
}

export type PeriodIssue = 'unknown' | 'inverted' | 'tooLong' | 'notWhole' | 'future';

const FIRST_YEAR = 2000;

export const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

function make(kind: PeriodKind, year: number, part: number): Period {
  if (kind === 'year') return { kind, key: String(year), year, part: 0, months: Array.from({ length: 12 }, (_, i) => monthKey(year, i + 1)) };
  if (kind === 'quarter') return { kind, key: `${year}-Q${part}`, year, part, months: [1, 2, 3].map((i) => monthKey(year, (part - 1) * 3 + i)) };
  return { kind, key: monthKey(year, part), year, part, months: [monthKey(year, part)] };
}

/** The period a key names, or undefined. */
export function periodFromKey(key: string): Period | undefined {
  let m = /^(\d{4})$/.exec(key);
  if (m) return validYear(+m[1]!) ? make('year', +m[1]!, 0) : undefined;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return validYear(+m[1]!) ? make('quarter', +m[1]!, +m[2]!) : undefined;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m && +m[2]! >= 1 && +m[2]! <= 12) return validYear(+m[1]!) ? make('month', +m[1]!, +m[2]!) : undefined;
  return undefined;
}

const validYear = (y: number) => y >= FIRST_YEAR && y <= 2999;

/** The period of the same kind just before. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return make('year', p.year - 1, 0);
  const count = p.kind === 'quarter' ? 4 : 12;
  return p.part > 1 ? make(p.kind, p.year, p.part - 1) : make(p.kind, p.year - 1, count);
}

/** The month, quarter and year a month belongs to (keys). */
export function periodsOfMonth(month: string): [string, string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [month, `${y}-Q${Math.ceil(m / 3)}`, String(y)];
}

/**
 * Reads the period from the query: `period=2026-Q3`, or `from=2026-07&to=2026-09` (which must be a whole
 * month, quarter or year). Nothing given → this year. `today` is 'YYYY-MM-DD'.
 */
export function parsePeriod(query: { period?: string | null; from?: string | null; to?: string | null }, today: string): { ok: true; period: Period } | { ok: false; issue: PeriodIssue } {
  const thisMonth = today.slice(0, 7);
  let period: Period | undefined;
  if (query.from || query.to) {
    const from = periodFromKey(query.from ?? '');
    const to = periodFromKey(query.to ?? '');
    if (!from || !to || from.kind !== 'month' || to.kind !== 'month') return { ok: false, issue: 'unknown' };
    if (from.key > to.key) return { ok: false, issue: 'inverted' };
    const length = (to.year - from.year) * 12 + (to.part - from.part) + 1;
    if (length > 12) return { ok: false, issue: 'tooLong' };
    period = [make('month', from.year, from.part), make('quarter', from.year, Math.ceil(from.part / 3)), make('year', from.year, 0)].find(
      (p) => p.months[0] === from.key && p.months.at(-1) === to.key,
    );
    if (!period) return { ok: false, issue: 'notWhole' };
  } else if (query.period) {
    period = periodFromKey(query.period);
    if (!period) return { ok: false, issue: 'unknown' };
  } else {
    period = make('year', Number(today.slice(0, 4)), 0);
  }
  if (period.months[0]! > thisMonth) return { ok: false, issue: 'future' };
  return { ok: true, period };
}

/** The periods offered in the form, newest first: 24 months, 12 quarters and 6 years up to this month. */
export function periodChoices(today: string): Record<PeriodKind, Period[]> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const months: Period[] = [];
  for (let i = 0, y = year, m = month; i < 24; i++) {
    if (y >= FIRST_YEAR) months.push(make('month', y, m));
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  const quarters: Period[] = [];
  for (let i = 0, y = year, q = Math.ceil(month / 3); i < 12; i++) {
    if (y >= FIRST_YEAR) quarters.push(make('quarter', y, q));
    if (--q === 0) [y, q] = [y - 1, 4];
  }
  const years = Array.from({ length: 6 }, (_, i) => make('year', year - i, 0)).filter((p) => p.year >= FIRST_YEAR);
  return { month: months, quarter: quarters, year: years };
}

/** Every month from `first` to `last` inclusive ('YYYY-MM'). */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let key = monthKey(y, m); key <= last; key = monthKey(y, m)) {
    out.push(key);
    if (++m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}
