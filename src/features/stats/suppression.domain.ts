/**
 * Small-count suppression for the manager dashboard ("never a person"). Pure.
 *
 * Primary: a count of 1 to threshold−1 is not shown ("fewer than 5"). Zero is shown: it says nothing about
 * a person.
 * Secondary: figures are tied together by published relations — a total is the sum of its parts, a quarter
 * the sum of its months, the open plans at the end of a month are those at the end of the month before plus
 * those started minus those closed. If a relation had exactly one hidden member, it could be worked out from
 * the others; so, until none is left, each such relation gets one more hidden member (the smallest part
 * that is not a total, so totals stay visible where they can). Every hidden count is therefore hidden
 * together with at least one other in every relation it is part of.
 *
 * The pattern depends only on the data of a whole cube (all months of an agreement's figures), never on
 * which period or view is asked for, so two views can never show a cell once hidden and once not.
 */

export interface Relation {
  /** Cell indexes whose values determine each other (any one follows from the rest). */
  readonly members: readonly number[];
  /** Members that are totals: hidden last, so the headline figures stay visible where they can. */
  readonly totals?: readonly number[];
}

/** Whether a count on its own must be hidden. */
export function isSmall(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold;
}

/**
 * Which cells to hide. `fixed` carries a pattern decided elsewhere (a total row decided in a coarser
 * cube): `true` is hidden, `false` is kept shown unless nothing else can protect a relation. A small
 * count is hidden whatever `fixed` says.
 */
export function suppress(
  values: readonly number[],
  relations: readonly Relation[],
  threshold: number,
  fixed: ReadonlyMap<number, boolean> = new Map(),
): boolean[] {
  const hidden = values.map((v, i) => isSmall(v, threshold) || fixed.get(i) === true);
  const byCell = new Map<number, number[]>();
  relations.forEach((r, ri) => {
    for (const m of r.members) {
      const list = byCell.get(m);
      if (list) list.push(ri);
      else byCell.set(m, [ri]);
    }
  });
  const totalsOf = relations.map((r) => new Set(r.totals ?? []));
  const queue: number[] = relations.map((_, i) => i);
  const queued = new Uint8Array(relations.length).fill(1);
  while (queue.length > 0) {
    const ri = queue.pop()!;
    queued[ri] = 0;
    const r = relations[ri]!;
    let count = 0;
    for (const m of r.members) if (hidden[m]) count++;
    if (count !== 1 || r.members.length < 2) continue;
    const pick = complement(r.members, hidden, values, totalsOf[ri]!, fixed);
    if (pick === undefined) continue;
    hidden[pick] = true;
    for (const other of byCell.get(pick) ?? []) {
      if (!queued[other]) {
        queued[other] = 1;
        queue.push(other);
      }
    }
  }
  return hidden;
}

/** The member to hide beside the one hidden: kept-shown cells last, totals next to last, then zeros, then the smallest. */
function complement(members: readonly number[], hidden: readonly boolean[], values: readonly number[], totals: ReadonlySet<number>, fixed: ReadonlyMap<number, boolean>): number | undefined {
  // Compared as the tuple (kept shown, total, zero, value, index), without building one per member.
  let best: number | undefined;
  let bestKept = 0;
  let bestTotal = 0;
  let bestZero = 0;
  for (const m of members) {
    if (hidden[m]) continue;
    const kept = fixed.get(m) === false ? 1 : 0;
    const total = totals.has(m) ? 1 : 0;
    const zero = values[m] === 0 ? 1 : 0;
    const better =
      best === undefined ||
      kept < bestKept ||
      (kept === bestKept &&
        (total < bestTotal ||
          (total === bestTotal && (zero < bestZero || (zero === bestZero && (values[m]! < values[best]! || (values[m] === values[best] && m < best)))))));
    if (better) {
      best = m;
      bestKept = kept;
      bestTotal = total;
      bestZero = zero;
    }
  }
  return best;
}

/** True when no relation has exactly one hidden member and no small count is shown (for tests and checks). */
export function isProtected(values: readonly number[], hidden: readonly boolean[], relations: readonly Relation[], threshold: number): boolean {
  if (values.some((v, i) => isSmall(v, threshold) && !hidden[i])) return false;
  return relations.every((r) => r.members.length < 2 || r.members.filter((m) => hidden[m]).length !== 1);
}

/** A share in percent, or null when it must not be shown (a hidden part, or a base under the threshold). */
export function share(part: number, partHidden: boolean, base: number, baseHidden: boolean, threshold: number): number | null {
  if (partHidden || baseHidden || base < threshold || base === 0) return null;
  return (100 * part) / base;
}

/**
 * A percentile (nearest rank) of a histogram of whole days, or null when the group is under the threshold.
 * `p` between 0 and 1.
 */
export function percentile(histogram: ReadonlyMap<number, number>, p: number, threshold: number): number | null {
  let n = 0;
  for (const c of histogram.values()) n += c;
  if (n < threshold) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const day of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(day)!;
    if (seen >= rank) return day;
  }
  return null;
}
