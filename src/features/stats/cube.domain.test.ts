import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asTotal, axisOf, buildCube, type CellRow, type Cube } from './cube.domain.ts';
import { CUBES } from './cubes.ts';
import { periodsOfMonth } from './period.domain.ts';

const K = 5;

/** Every relation a reader could use: none may have exactly one hidden member, and no small count shows. */
function leaks(cube: Cube, questionRows = false): string[] {
  const problems: string[] = [];
  const { axis, def, rows } = cube;
  const times = [...axis.months, ...axis.quarters, ...axis.years];
  const one = (cells: { value: number; hidden: boolean }[]) => cells.filter((c) => c.hidden).length === 1;
  for (const row of rows) {
    for (const time of times) {
      for (const column of def.columns) {
        const c = cube.cell(row, time, column)!;
        if (!c.hidden && c.value >= 1 && c.value < K) problems.push(`small ${row}/${time}/${column}`);
      }
      for (const s of def.sums) {
        if (one([...s.parts, s.total].map((p) => cube.cell(row, time, p)!))) problems.push(`sum ${row}/${time}/${s.total}`);
      }
    }
    for (const column of def.columns) {
      if (column === def.stock?.column) continue;
      for (const q of axis.quarters) {
        if (one([...axis.months.filter((m) => periodsOfMonth(m)[1] === q), q].map((t) => cube.cell(row, t, column)!))) problems.push(`quarter ${row}/${q}/${column}`);
      }
      for (const y of axis.years) {
        if (one([...axis.quarters.filter((q) => q.startsWith(y)), y].map((t) => cube.cell(row, t, column)!))) problems.push(`year ${row}/${y}/${column}`);
      }
    }
    if (def.stock) {
      for (const list of [axis.months, axis.quarters, axis.years]) {
        list.forEach((t, i) => {
          const cells = [def.stock!.column, def.stock!.inflow, def.stock!.outflow].map((c) => cube.cell(row, t, c)!);
          if (i > 0) cells.push(cube.cell(row, list[i - 1]!, def.stock!.column)!);
          if (one(cells)) problems.push(`stock ${row}/${t}`);
        });
      }
    }
  }
  if (rows.length > 1 && !questionRows) {
    for (const time of times) {
      for (const column of def.columns) {
        if (column === def.stock?.column && !/^\d{4}-\d{2}$/.test(time)) continue;
        if (one(rows.map((r) => cube.cell(r, time, column)!))) problems.push(`column ${time}/${column}`);
      }
    }
  }
  return problems;
}

const months = ['2025-01', '2025-02', '2025-04', '2025-11', '2026-01', '2026-03'];
const units = ['u1', 'u2', 'u3'];
const rowArb = fc.record({
  dimValue: fc.constantFrom(...units),
  month: fc.constantFrom(...months),
  metric: fc.constantFrom('plansStarted', 'plansClosed'),
  bucket: fc.constantFrom('citizen', 'staff', 'goalsMet', 'moved', 'consentWithdrawn'),
  n: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 })),
});

/** The total row as the rollup would hold it: here each plan has one unit, so it is the sum. */
function withTotal(rows: CellRow[]): CellRow[] {
  const total = new Map<string, CellRow>();
  for (const r of rows) {
    const key = `${r.month}|${r.metric}|${r.bucket}`;
    const t = total.get(key) ?? { ...r, dimValue: '', n: 0 };
    t.n += r.n;
    total.set(key, t);
  }
  return [...rows, ...total.values()];
}

describe('cubes', () => {
  it('adds months into quarters and years and carries the open plans', () => {
    const axis = axisOf('2025-11', '2026-02');
    const data: CellRow[] = [
      { dimValue: '', month: '2025-11', metric: 'plansStarted', bucket: 'citizen', n: 30 },
      { dimValue: '', month: '2025-12', metric: 'plansStarted', bucket: 'staff', n: 20 },
      { dimValue: '', month: '2026-01', metric: 'plansClosed', bucket: 'goalsMet', n: 10 },
    ];
    const cube = buildCube(CUBES.plans, axis, data, [], K);
    expect(axis.months[0]).toBe('2025-01');
    expect(cube.cell('', '2025-Q4', 'started')).toEqual({ value: 50, hidden: false });
    expect(cube.cell('', '2025', 'open')).toEqual({ value: 50, hidden: false });
    expect(cube.cell('', '2026-Q1', 'open')).toEqual({ value: 40, hidden: false });
    expect(cube.cell('', '2026-01', 'closed.goalsMet')).toEqual({ value: 10, hidden: false });
  });

  it('hides a small count and what would give it away', () => {
    const axis = axisOf('2026-01', '2026-03');
    const data: CellRow[] = [
      { dimValue: '', month: '2026-01', metric: 'plansStarted', bucket: 'citizen', n: 3 },
      { dimValue: '', month: '2026-02', metric: 'plansStarted', bucket: 'citizen', n: 30 },
      { dimValue: '', month: '2026-03', metric: 'plansStarted', bucket: 'citizen', n: 30 },
    ];
    const cube = buildCube(CUBES.plans, axis, data, [], K);
    expect(cube.cell('', '2026-01', 'citizen')!.hidden).toBe(true);
    expect(leaks(cube)).toEqual([]);
  });

  it('leaves nothing to subtract, in any period, breakdown or total (random data)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const data = withTotal(rows);
        const axis = axisOf('2025-01', '2026-03');
        const total = buildCube(CUBES.plans, axis, data.filter((r) => r.dimValue === ''), [], K);
        const byUnit = buildCube(CUBES.plans, axis, data, units, K, { fixedTotal: total });
        expect(leaks(total)).toEqual([]);
        expect(leaks(byUnit)).toEqual([]);
        // The total row reads the same in both views.
        for (const t of [...axis.months, ...axis.quarters, ...axis.years]) {
          for (const c of CUBES.plans.columns) expect(byUnit.cell('', t, c)!.hidden, `${t} ${c}`).toBe(total.cell('', t, c)!.hidden);
        }
        // A unit's own view agrees with its row in the breakdown.
        const own = asTotal(byUnit, 'u1');
        expect(own.cell('', '2026', 'started')).toEqual(byUnit.cell('u1', '2026', 'started'));
      }),
      { numRuns: 150 },
    );
  });

  it('treats the feedback questions as rows of their own', () => {
    const axis = axisOf('2026-01', '2026-02');
    const data: CellRow[] = [
      { dimValue: 'informed', month: '2026-01', metric: 'feedback', bucket: 'informed:5', n: 12 },
      { dimValue: 'informed', month: '2026-01', metric: 'feedback', bucket: 'informed:1', n: 2 },
    ];
    const cube = buildCube(CUBES.feedback, axis, data, ['informed', 'together'], K, { questionRows: true });
    expect(cube.cell('informed', '2026-01', 'n')!.value).toBe(14);
    expect(cube.cell('informed', '2026-01', '1')!.hidden).toBe(true);
    expect(leaks(cube, true)).toEqual([]);
  });
});
