/**
 * Shared `Intl` formatters. Making one costs a fraction of a millisecond (ICU loads the locale's
 * patterns); made per call, as a table of deadlines did, they took a fifth of a staff inbox's time.
 * Each locale and option set is made once and kept: the sets are the few the code names.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The one way the portal writes a day and a moment (issue 19: "Senast sparad 2026-12-07 22:59" read
 * differently from the rest): the month in words, Swedish time. Meeting times may add the weekday.
 */
export const DATE_FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'Europe/Stockholm' };
export const DATE_TIME_FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' };

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * Names joined as the language joins a list ("Uppsala kommun, Region Uppsala och Skogsby skola"),
 * each name isolated so a Swedish name keeps its order inside Arabic or Persian text.
 * `locale` is a BCP 47 tag (use `languageTag()`: lättläst is `sv`).
 */
export function listText(locale: string, names: readonly string[]): string {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return format.format(names.map((n) => `\u2068${n}\u2069`));
}
