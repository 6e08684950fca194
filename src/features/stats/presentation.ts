/**
 * Turning the dashboard's figures into words, CSV and chart data: the same suppressed figures as the
 * tables (a hidden count is "fewer than N" in the CSV and a gap in the chart). Pure.
 */
import { stringify } from 'csv-stringify/sync';
import { languageTag, type Locale } from '../../shared/i18n/locales.ts';
import type { Figure, TableView } from './stats.service.ts';
import { dateTimeFormat, numberFormat } from '../../shared/i18n/intl.ts';
import { CONTROL_CHARACTERS } from '../../shared/forms/form.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** "november 2026", "3:e kvartalet 2026", "2026" in the page's language. */
export function periodName(key: string, locale: Locale, t: T): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return t('stats:quarterName', { quarter: quarter[2], year: quarter[1] });
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return dateTimeFormat(languageTag(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(+month[1]!, +month[2]! - 1, 15)));
  return key;
}

export function rowLabel(table: TableView, row: TableView['rows'][number], t: T): string {
  if (row.label.kind === 'total') return t('stats:total');
  if (row.label.kind === 'name') return row.label.name;
  return table.id === 'feedback' ? t(`feedback:questions.${row.label.key}`) : t(`stats:rows.${row.label.key}`);
}

export function columnLabel(table: TableView, column: TableView['columns'][number], t: T, previousLabel: string): string {
  const base = t(`stats:tables.${table.id}.columns.${column.key.replace(/Previous$/, '')}`);
  return column.previous ? `${base} (${previousLabel})` : base;
}

/**
 * One table as CSV for Excel: UTF-8 with a byte-order mark, `;` as separator in Swedish (where `,` is the
 * decimal sign) and `,` otherwise; numbers without grouping. Cells that would start a formula get a
 * leading apostrophe (CSV injection, see formulaSafe); a cell with a control character is always quoted.
 */
export function tableCsv(table: TableView, locale: Locale, t: T, threshold: number, previousLabel: string): string {
  const swedish = locale === 'sv' || locale === 'lattlast' || locale === 'fi';
  const decimal = numberFormat(swedish ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1, useGrouping: false });
  const cell = (f: Figure) =>
    f.kind === 'count' ? String(f.value) : f.kind === 'hidden' ? t('stats:fewerThan', { n: threshold }) : f.kind === 'percent' ? `${decimal.format(f.value)} %` : f.kind === 'days' ? String(f.value) : '';
  const rows = [
    [t(table.id === 'feedback' ? 'stats:question' : 'stats:group'), ...table.columns.map((c) => columnLabel(table, c, t, previousLabel))],
    ...table.rows.map((r) => [rowLabel(table, r, t), ...r.figures.map(cell)]),
  ].map((r) => r.map(formulaSafe));
  // A cell with a control character is quoted even when the format would not need it (a tab, U+2028).
  return '\uFEFF' + stringify(rows, { delimiter: swedish ? ';' : ',', record_delimiter: 'windows', quoted_match: CONTROL_CHARACTERS });
}

/** A control character (and any spaces after it) followed by a formula's first character. */
const FORMULA_AFTER_BREAK = new RegExp(`(${CONTROL_CHARACTERS.source}\\s*)([=+\\-@])`, 'gu');

/**
 * A cell no spreadsheet reads as a formula (CSV injection): an apostrophe before a leading =, +, -, @,
 * tab or carriage return, and before a formula's first character after any line break, tab or other
 * control character inside the cell, where a line-based or tab-separated reader starts a new row or cell.
 */
export function formulaSafe(cell: string): string {
  const inside = cell.replace(FORMULA_AFTER_BREAK, "$1'$2");
  return /^[=+\-@\t\r]/.test(inside) ? `'${inside}` : inside;
}

/** The chart's data: one bar group per row, one series per charted column; hidden counts are gaps. */
export function chartData(table: TableView, t: T, threshold: number) {
  return {
    title: t(`stats:tables.${table.id}.caption`),
    labels: table.rows.map((r) => rowLabel(table, r, t)),
    series: table.chartColumns.map((i) => ({
      label: t(`stats:tables.${table.id}.columns.${table.columns[i]!.key}`),
      data: table.rows.map((r) => {
        const f = r.figures[i]!;
        return f.kind === 'count' ? f.value : null;
      }),
    })),
    hiddenNote: t('stats:chartHidden', { n: threshold }),
  };
}
