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
  const M = axis.months.length;
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const colIndex = new Map(def.columns.map((c, i) => [c, i]));
  const col = (name: string) => colIndex.get(name)!;
  const stockCol = def.stock ? col(def.stock.column) : -1;
  // Per month: its own, its quarter's and its year's time index. Per time: where its stock is read (a
  // quarter's or a year's open plans are those at the end of its last month in the cube).
  const periodsOf = axis.months.map((m) => periodsOfMonth(m).map((p) => timeIndex.get(p)!));
  const stockTime = times.map((_, t) => t);
  periodsOf.forEach(([, q, y], mi) => {
    stockTime[q!] = mi;
    stockTime[y!] = mi;
  });
  const idx = (r: number, t: number, c: number) => (r * T + (c === stockCol ? stockTime[t]! : t)) * C + c;
  const values = new Array<number>(R * T * C).fill(0);

  // Counts per month, added up into quarters and years; the sums and the stock follow.
  for (const row of data) {
    const r = rowIndex.get(row.dimValue);
    const name = def.column(row.metric, row.bucket);
    const c = name === undefined ? undefined : colIndex.get(name);
    const t = timeIndex.get(row.month);
    if (r === undefined || c === undefined || t === undefined || t >= M) continue;
    for (const time of periodsOf[t]!) values[idx(r, time, c)]! += row.n;
  }
  const sums = def.sums.map((s) => ({ total: col(s.total), parts: s.parts.map(col) }));
  for (let r = 0; r < R; r++) {
    for (let t = 0; t < T; t++) {
      for (const s of sums) values[idx(r, t, s.total)] = s.parts.reduce((sum, p) => sum + values[idx(r, t, p)]!, 0);
    }
    if (def.stock) {
      let open = 0;
      const inflow = col(def.stock.inflow);
      const outflow = col(def.stock.outflow);
      for (let t = 0; t < M; t++) {
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
  const quarterMonths = axis.quarters.map((q) => ({ q: timeIndex.get(q)!, months: periodsOf.flatMap(([m, pq]) => (pq === timeIndex.get(q) ? [m!] : [])) }));
  const yearQuarters = axis.years.map((y) => ({ y: timeIndex.get(y)!, quarters: axis.quarters.filter((q) => q.startsWith(y)).map((q) => timeIndex.get(q)!) }));
  for (let r = 0; r < R; r++) {
    for (let t = 0; t < T; t++) {
      for (const s of sums) {
        const total = idx(r, t, s.total);
        rel([...s.parts.map((p) => idx(r, t, p)), total], [total]);
      }
    }
    for (let c = 0; c < C; c++) {
      if (c === stockCol) continue;
      for (const { q, months } of quarterMonths) {
        const total = idx(r, q, c);
        rel([...months.map((m) => idx(r, m, c)), total], [total]);
      }
      for (const { y, quarters } of yearQuarters) {
        const total = idx(r, y, c);
        rel([...quarters.map((q) => idx(r, q, c)), total], [total]);
      }
    }
    if (def.stock) {
      const inflow = col(def.stock.inflow);
      const outflow = col(def.stock.outflow);
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
        if (c === stockCol && t >= M) continue;
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
