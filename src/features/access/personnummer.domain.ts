/**
 * Swedish personal identity numbers (personnummer, Skatteverket SKV 704) and coordination numbers
 * (samordningsnummer, SKV 707): parsing, the Luhn check digit and a real date. Canonical form is 12
 * digits, YYYYMMDDNNNN. These numbers are stored once and never put in a URL, a log line or audit text.
 */

export type IdentityNumberKind = 'personnummer' | 'samordningsnummer';

export interface IdentityNumber {
  /** 12 digits, YYYYMMDDNNNN (for a samordningsnummer the day is 61–91, as issued). */
  canonical: string;
  kind: IdentityNumberKind;
  /** Date of birth as YYYY-MM-DD (the day less 60 for a samordningsnummer). */
  birthDate: string;
}

export type IdentityNumberError = 'required' | 'invalidFormat' | 'invalidDate' | 'invalidChecksum';

export type ParseResult = { ok: true; value: IdentityNumber } | { ok: false; error: IdentityNumberError };

const FORMAT = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

/** The Luhn check digit over the nine digits YYMMDDNNN. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Parses 10 or 12 digits with an optional `-` or `+` before the last four (`+` marks someone 100 or
 * older in the 10-digit form). With 10 digits the century is the latest that does not put the birth
 * date after `today` (minus 100 years with `+`). Spaces around the input are ignored.
 */
export function parseIdentityNumber(input: string, today: Date): ParseResult {
  const value = input.trim();
  if (value === '') return { ok: false, error: 'required' };
  const m = FORMAT.exec(value);
  if (!m) return { ok: false, error: 'invalidFormat' };
  const [, century, yy, mm, dd, separator, serial, check] = m as unknown as string[];
  if (century !== undefined && separator === '+') return { ok: false, error: 'invalidFormat' };

  const month = Number(mm);
  const rawDay = Number(dd);
  const kind: IdentityNumberKind = rawDay > 60 ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - 60 : rawDay;

  let year: number;
  if (century !== undefined) {
    year = Number(`${century}${yy}`);
  } else {
    const thisYear = today.getUTCFullYear();
    year = Math.floor(thisYear / 100) * 100 + Number(yy);
    const birthdayThisCentury = Date.UTC(year, month - 1, day);
    if (year > thisYear || birthdayThisCentury > today.getTime()) year -= 100;
    if (separator === '+') year -= 100;
  }

  if (!isRealDate(year, month, day)) return { ok: false, error: 'invalidDate' };
  if (Date.UTC(year, month - 1, day) > today.getTime()) return { ok: false, error: 'invalidDate' };
  if (luhnCheckDigit(`${yy}${mm}${dd}${serial}`) !== Number(check)) return { ok: false, error: 'invalidChecksum' };

  return {
    ok: true,
    value: {
      canonical: `${year}${mm}${dd}${serial}${check}`,
      kind,
      birthDate: `${year}-${pad(month)}-${pad(day)}`,
    },
  };
}

/** Age in whole years on `today` (UTC dates), for the rules on children. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

/** Masks a number for display to its owner (YYYYMMDD-****): never shown in full after entry. */
export function maskIdentityNumber(canonical: string): string {
  return `${canonical.slice(0, 8)}-****`;
}
