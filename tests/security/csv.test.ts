/**
 * Attack suite, CSV injection: whatever a principal or unit is called (admins type the names), no cell of
 * the dashboard's CSV starts a formula in a spreadsheet, and quoting keeps every name in its own cell.
 * Pure: the CSV writer itself, with fast-check; tests/security/forms.test.ts checks the CSV the portal
 * serves after the payloads went through every form.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tableCsv } from '../../src/features/stats/presentation.ts';
import type { TableView } from '../../src/features/stats/stats.service.ts';
import { writeTally } from '../support/attack.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
let tried = 0;
let failed = 0;
afterAll(() => writeTally(import.meta.filename, { payloads: tried, failures: failed }));

/** RFC 4180 cells, the way a spreadsheet reads the file. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) rows.at(-1)!.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.at(-1)!.push(cell), (cell = ''), rows.push([]), i++;
    else cell += c;
  }
  rows.at(-1)!.push(cell);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

const table = (names: string[]): TableView => ({
  id: 'plans',
  columns: [{ key: 'started', kind: 'count', previous: false }],
  rows: names.map((name, i) => ({ key: String(i), label: { kind: 'name', name }, figures: [{ kind: 'count', value: i }] })),
  chartColumns: [0],
  notBrokenDown: false,
});
const t = (key: string) => key;

describe('CSV injection', () => {
  const name = fc.oneof(
    fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '"=', ' ='), fc.string({ maxLength: 30 })).map(([a, b]) => a + b),
    fc.constantFrom('=HYPERLINK("https://evil.example","x")', '+1+1', '-1+1', '@SUM(1)', '=cmd|\' /C calc\'!A0', 'a;=1+1', 'a,=1+1', 'a\r\n=1+1', '"=1"'),
    fc.string({ maxLength: 30 }),
  );

  it.each(['sv', 'en'] as const)('no cell starts a formula and every name stays in its own cell (%s)', (locale) => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), (names) => {
        tried += names.length;
        const separator = locale === 'sv' ? ';' : ',';
        const rows = parseCsv(tableCsv(table(names), locale, t, 5, 'förra').replace(/^\uFEFF/, ''), separator);
        const ok = rows.every((r) => r.every((cell) => !FORMULA_START.test(cell))) && rows.length === names.length + 1 && rows.slice(1).every((r) => r.length === 2);
        if (!ok) failed++;
        expect(ok, JSON.stringify(names)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  /** Characters some reader takes as the end of a row or a cell. */
  const BREAKS = ['\n', '\r', '\r\n', '\t', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c'];
  const broken = fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...BREAKS), fc.constantFrom('', ' '), fc.constantFrom('=', '+', '-', '@'), fc.string({ maxLength: 10 }))
    .map(([a, br, space, f, b]) => `${a}${br}${space}${f}${b}`);

  it.each(['sv', 'en'] as const)('a name with a line break, tab or U+2028 starts no formula in a line- or tab-based reader, and its cell is quoted (%s)', (locale) => {
    fc.assert(
      fc.property(fc.array(fc.oneof(broken, name), { minLength: 1, maxLength: 4 }), (names) => {
        tried += names.length;
        const separator = locale === 'sv' ? ';' : ',';
        const csv = tableCsv(table(names), locale, t, 5, 'förra').replace(/^\uFEFF/, '');
        // A reader that starts a new row or cell at every line break and tab it knows (quotes or not).
        const pieces = csv.split(/\r\n|[\r\n\t\u2028\u2029\u0085\u000b\u000c]/).map((p) => p.replace(/^"/, ''));
        const rows = parseCsv(csv, separator);
        const quoted = names.every((n) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(n) || csv.includes(`"`));
        const ok = pieces.every((p) => !/^[=+\-@]/.test(p)) && rows.length === names.length + 1 && quoted;
        if (!ok) failed++;
        expect(ok, JSON.stringify({ names, csv })).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('quotes every cell that holds a control character, even one the format would leave bare', () => {
    const csv = tableCsv(table(['a\tb', 'c\u2028d', 'e\u0085f']), 'en', t, 5, 'förra');
    expect(csv).toContain('"a\tb",');
    expect(csv).toContain('"c\u2028d",');
    expect(csv).toContain('"e\u0085f",');
  });
});
