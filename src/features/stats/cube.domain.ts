/**
 * The dashboard's figures as cubes: breakdown row × time (every month, quarter and year of the agreement's
 * data up to this month) × column, with the relations that tie them together (totals, months into quarters
 * into years, open plans carried from month to month), suppressed as one piece (see suppression.domain.ts).
 * Pure.
 */
import type { CubeDef } from './cubes.ts';
import { monthRange, periodsOfMonth } from './period.domain.ts';
import { suppress, type Relation } from './suppression.domain.ts';

/** One rollup row as read for a cube: the breakdown value ('' for the total), month, metric, bucket, count. */
export interface CellRow {
  dimValue: string;
  month: string;
  metric: string;
  bucket: string;
  n: number;
}

export interface Axis {
  months: string[];
  quarters: string[];
  years: string[];
}

/** From January of the first year with data to this month. */
export function axisOf(firstMonth: string | null, thisMonth: string): Axis {
  const start = `${(firstMonth && firstMonth < thisMonth ? firstMonth : thisMonth).slice(0, 4)}-01`;
  const months = monthRange(start, thisMonth);
  const quarters = [...new Set(months.map((m) => periodsOfMonth(m)[1]))];
  const years = [...new Set(months.map((m) => periodsOfMonth(m)[2]))];
  return { months, quarters, years };
}

export interface Cube {
  def: CubeDef;
  /** Row keys; index 0 is the total ('') unless the rows are the feedback questions. */
  rows: string[];
  axis: Axis;
  /** The value and whether it is hidden; undefined for a time outside the cube (nothing counted then). */
  cell(row: string, time: string, column: string): { value: number; hidden: boolean } | undefined;
}

/**
 * Builds and suppresses a cube. `rows` are the breakdown values (the total row '' is added first unless
 * `questionRows`); `fixedTotal` carries the total row's pattern from the coarser cube it must agree with,
 * `fixedRows` the other rows' patterns (rows that count the same things in another cube).
 */
export function buildCube(
  def: CubeDef,
  axis: Axis,
  data: readonly CellRow[],
  rowKeys: readonly string[],
  threshold: number,
  options: { questionRows?: boolean; fixedTotal?: Cube; fixedRows?: Cube } = {},
): Cube {
  const rows = options.questionRows ? [...rowKeys] : ['', ...rowKeys.filter((r) => r !== '')];
  const times = [...axis.months, ...axis.quarters, ...axis.years];
  const R = rows.length;
  const T = times.length;
  const C = def.columns.length;
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const colIndex = new Map(def.columns.map((c, i) => [c, i]));
  const stockCol = def.stock ? colIndex.get(def.stock.column)! : -1;
  const lastMonth = axis.months.at(-1)!;
  /** For a quarter or a year, the stock is the one at the end of its last month in the cube. */
  const endMonth = (time: string) => {
    if (/^\d{4}-\d{2}$/.test(time)) return time;
    const last = /^\d{4}$/.test(time) ? `${time}-12` : `${time.slice(0, 4)}-${String(Number(time.slice(6)) * 3).padStart(2, '0')}`;
    return last < lastMonth ? last : lastMonth;
  };
  const idx = (r: number, t: number, c: number) => {
    if (c === stockCol && t >= axis.months.length) t = timeIndex.get(endMonth(times[t]!))!;
    return (r * T + t) * C + c;
  };
  const values = new Array<number>(R * T * C).fill(0);

  // Counts per month, added up into quarters and years; the sums and the stock follow.
  for (const row of data) {
    const r = rowIndex.get(row.dimValue);
    const col = def.column(row.metric, row.bucket);
    const c = col === undefined ? undefined : colIndex.get(col);
    if (r === undefined || c === undefined || !timeIndex.has(row.month)) continue;
    for (const time of periodsOfMonth(row.month)) values[idx(r, timeIndex.get(time)!, c)]! += row.n;
  }
  for (let r = 0; r < R; r++) {
    for (let t = 0; t < T; t++) {
      for (const s of def.sums) {
        values[idx(r, t, colIndex.get(s.total)!)] = s.parts.reduce((sum, p) => sum + values[idx(r, t, colIndex.get(p)!)]!, 0);
      }
    }
    if (def.stock) {
      let open = 0;
      const inflow = colIndex.get(def.stock.inflow)!;
      const outflow = colIndex.get(def.stock.outflow)!;
      for (let t = 0; t < axis.months.length; t++) {
        open += values[idx(r, t, inflow)]! - values[idx(r, t, outflow)]!;
        values[idx(r, t, stockCol)] = open;
      }
    }
  }
  // The total row of a breakdown is the sum of the breakdown's rows only when the rows are a partition;
  // for principals and units (a plan can have several) they are not, but the total is still taken from the
  // data, not added up: `data` holds it under ''.

  const relations: Relation[] = [];
  const rel = (members: number[], totals: number[]) => relations.push({ members, totals });
  for (let r = 0; r < R; r++) {
    for (let t = 0; t < T; t++) {
      for (const s of def.sums) {
        const total = idx(r, t, colIndex.get(s.total)!);
        rel([...s.parts.map((p) => idx(r, t, colIndex.get(p)!)), total], [total]);
      }
    }
    for (let c = 0; c < C; c++) {
      if (c === stockCol) continue;
      for (const q of axis.quarters) {
        const months = axis.months.filter((m) => periodsOfMonth(m)[1] === q);
        const total = idx(r, timeIndex.get(q)!, c);
        rel([...months.map((m) => idx(r, timeIndex.get(m)!, c)), total], [total]);
      }
      for (const y of axis.years) {
        const quarters = axis.quarters.filter((q) => q.startsWith(y));
        const total = idx(r, timeIndex.get(y)!, c);
        rel([...quarters.map((q) => idx(r, timeIndex.get(q)!, c)), total], [total]);
      }
    }
    if (def.stock) {
      const inflow = colIndex.get(def.stock.inflow)!;
      const outflow = colIndex.get(def.stock.outflow)!;
      for (const list of [axis.months, axis.quarters, axis.years]) {
        list.forEach((time, i) => {
          const t = timeIndex.get(time)!;
          const members = [idx(r, t, stockCol), idx(r, t, inflow), idx(r, t, outflow)];
          if (i > 0) members.push(idx(r, timeIndex.get(list[i - 1]!)!, stockCol));
          rel(members, []);
        });
      }
    }
  }
  if (!options.questionRows && R > 1) {
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < C; c++) {
        if (c === stockCol && t >= axis.months.length) continue;
        const total = idx(0, t, c);
        rel([...Array.from({ length: R - 1 }, (_, i) => idx(i + 1, t, c)), total], [total]);
      }
    }
  }

  const fixed = new Map<number, boolean>();
  if (!options.questionRows) {
    for (let r = 0; r < R; r++) {
      const source = r === 0 ? options.fixedTotal : options.fixedRows;
      if (!source) continue;
      for (let t = 0; t < T; t++) {
        for (let c = 0; c < C; c++) {
          // Only where both count the same thing (the same value); otherwise they are different figures.
          const other = source.cell(rows[r]!, times[t]!, def.columns[c]!);
          if (other && other.value === values[idx(r, t, c)]) fixed.set(idx(r, t, c), other.hidden);
        }
      }
    }
  }
  const hidden = suppress(values, relations, threshold, fixed);
  return {
    def,
    rows,
    axis,
    cell(row, time, column) {
      const r = rowIndex.get(row);
      const t = timeIndex.get(time);
      const c = colIndex.get(column);
      if (r === undefined || t === undefined || c === undefined) return undefined;
      const i = idx(r, t, c);
      return { value: values[i]!, hidden: hidden[i]! };
    },
  };
}

/** A cube whose total row is the given row of another cube (a principal's own view of its row in the agreement's). */
export function asTotal(cube: Cube, row: string): Cube {
  return { ...cube, rows: [''], cell: (r, time, column) => (r === '' ? cube.cell(row, time, column) : undefined) };
}
