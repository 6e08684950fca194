/**
 * The dashboard's tables as figures: counts, "fewer than N", shares and day percentiles, from the
 * suppressed cubes of a view (pure; stats.service.ts caches the result per view and rollup).
 */
import type { CellRow, Cube } from './cube.domain.ts';
import type { CubeId } from './cubes.ts';
import type { Period } from './period.domain.ts';
import { percentile, share } from './suppression.domain.ts';
import { TABLES, type TableId } from './tables.ts';

/** A figure as shown: a count, "fewer than N", a share in percent, days, or nothing (too few to say). */
export type Figure = { kind: 'count'; value: number } | { kind: 'hidden' } | { kind: 'percent'; value: number } | { kind: 'days'; value: number } | { kind: 'none' };

export interface TableView {
  id: TableId;
  columns: { key: string; kind: 'count' | 'percent' | 'days'; previous: boolean }[];
  rows: { key: string; label: RowLabel; figures: Figure[] }[];
  /** Columns drawn in the chart (current period counts, not totals). */
  chartColumns: number[];
  /** The breakdown asked for does not apply to this figure (shown as the total only). */
  notBrokenDown: boolean;
}

/** How a row is named: the total, a translated key (scope, age, question) or a name from the directory. */
export type RowLabel = { kind: 'total' } | { kind: 'key'; key: string } | { kind: 'name'; name: string };

const count = (c: { value: number; hidden: boolean } | undefined): Figure => (!c ? { kind: 'count', value: 0 } : c.hidden ? { kind: 'hidden' } : { kind: 'count', value: c.value });
const pct = (part: { value: number; hidden: boolean } | undefined, base: { value: number; hidden: boolean } | undefined, threshold: number): Figure => {
  const v = share(part?.value ?? 0, part?.hidden ?? false, base?.value ?? 0, base?.hidden ?? false, threshold);
  return v === null ? { kind: 'none' } : { kind: 'percent', value: v };
};

/** A table's figures, rows in order (without their names: see `dashboard`). */
export type TableFigures = Omit<TableView, 'rows'> & { rows: { key: string; figures: Figure[] }[]; feedbackRows: boolean };

export function tableFigures(
  id: TableId,
  cubes: Record<CubeId, Cube>,
  rowKeys: readonly string[],
  period: Period,
  previous: Period,
  daysByRow: ReadonlyMap<string, readonly CellRow[]>,
  threshold: number,
  /** Whether SIP-kollen may be shown for a period (feedback-release.domain.ts); otherwise its figures are 'none'. */
  feedbackReleased: (p: Period) => boolean = () => true,
): TableFigures {
  const t = TABLES.find((x) => x.id === id)!;
  const cube = cubes[t.cube];
  const rows = cube.rows;
  const at = (p: Period) => p.key;
  const figures = (row: string): Figure[] =>
    t.columns.map((c) => {
      const p = c.previous ? previous : period;
      if (t.cube === 'feedback' && !feedbackReleased(p)) return { kind: 'none' };
      if (c.kind === 'count') return count(cube.cell(row, at(p), c.of));
      if (c.kind === 'percent') return pct(cube.cell(row, at(p), c.of), cube.cell(row, at(p), c.base!), threshold);
      // Days: a percentile of the histogram, shown only when the group's count is shown and large enough.
      const base = cube.cell(row, at(p), c.base!);
      if (!base || base.hidden || base.value < threshold) return { kind: 'none' };
      const histogram = new Map<number, number>();
      for (const d of daysByRow.get(row) ?? []) if (p.months.includes(d.month)) histogram.set(Number(d.bucket), (histogram.get(Number(d.bucket)) ?? 0) + d.n);
      const v = percentile(histogram, c.percentile!, threshold);
      return v === null ? { kind: 'none' } : { kind: 'days', value: v };
    });
  // The total last, as in a printed table.
  const ordered = t.cube === 'feedback' ? rows : [...rows.filter((r) => r !== ''), ...rows.filter((r) => r === '')];
  return {
    id,
    columns: t.columns.map((c) => ({ key: c.key, kind: c.kind, previous: !!c.previous })),
    rows: ordered.map((r) => ({ key: r, figures: figures(r) })),
    feedbackRows: t.cube === 'feedback',
    chartColumns: t.columns.flatMap((c, i) => (c.chart ? [i] : [])),
    notBrokenDown: t.cube !== 'feedback' && cube.rows.length === 1 && rowKeys.length > 1,
  };
}

