/**
 * Whole numbers carried in forms and URLs (a plan's version, the editor's revision, a row to remove, a
 * page number). `Number()` takes 'abc' as NaN, '1e3' as 1000, ' 1' as 1 and '99999999999' as a number the
 * database's `integer` refuses, and each of those reached SQL as a 500: every numeric field goes through
 * here instead, and what fails is a validation code, never a query. Pure.
 */

/** The largest value of a PostgreSQL `integer` (int4): the default upper bound. */
export const MAX_INT4 = 2_147_483_647;

export type IntegerCode = 'required' | 'notInteger' | 'tooSmall' | 'tooLarge';
export type ParsedInteger = { ok: true; value: number } | { ok: false; code: IntegerCode };

/** Optional sign, at most 16 digits: anything longer is out of every range here anyway. */
const WHOLE = /^-?[0-9]{1,16}$/;

/**
 * Reads `raw` as a whole number in [min, max] (defaults 0 and MAX_INT4). Strict: no spaces, no
 * decimals, no exponent, no `+`; a value from a hidden field or a link is never typed by hand.
 */
export function parseInteger(raw: string | null | undefined, { min = 0, max = MAX_INT4 }: { min?: number; max?: number } = {}): ParsedInteger {
  if (raw === null || raw === undefined || raw === '') return { ok: false, code: 'required' };
  if (!WHOLE.test(raw)) return { ok: false, code: 'notInteger' };
  const value = Number(raw);
  if (value < min) return { ok: false, code: 'tooSmall' };
  if (value > max) return { ok: false, code: 'tooLarge' };
  // -0 is 0.
  return { ok: true, value: value + 0 };
}

/** The whole number in [min, max], or undefined for anything else (a field whose failure has one meaning). */
export function integerOrUndefined(raw: string | null | undefined, range?: { min?: number; max?: number }): number | undefined {
  const parsed = parseInteger(raw, range);
  return parsed.ok ? parsed.value : undefined;
}

/** The raw value of a form field as sent (not trimmed), '' when missing or a file. */
export function rawField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** True for a number a PostgreSQL `integer` column takes: a guard for services that get numbers from pages. */
export function isInt4(value: number): boolean {
  return Number.isSafeInteger(value) && value >= -MAX_INT4 - 1 && value <= MAX_INT4;
}
