import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isProtected, percentile, share, suppress, type Relation } from './suppression.domain.ts';

describe('suppress', () => {
  it('hides counts of 1–4 and shows 0 and 5 upwards', () => {
    expect(suppress([0, 1, 4, 5, 100], [], 5)).toEqual([false, true, true, false, false]);
  });

  it('hides a second part when one part of a shown total is hidden, the smallest one first', () => {
    // a + b + c = total: a = 3 alone could be worked out from the total.
    const values = [3, 20, 7, 30];
    const hidden = suppress(values, [{ members: [0, 1, 2, 3], totals: [3] }], 5);
    expect(hidden).toEqual([true, false, true, false]);
  });

  it('hides the total when it is the only other member', () => {
    expect(suppress([3, 3], [{ members: [0, 1], totals: [1] }], 5)).toEqual([true, true]);
    expect(suppress([3, 40], [{ members: [0, 1], totals: [1] }], 5)).toEqual([true, true]);
  });

  it('follows a hidden complement into the other relations it is part of', () => {
    // Rows: [a, b | row total], columns summed into a total row.
    //   2  10 | 12
    //   9  11 | 20
    //  11  21 | 32
    const v = [2, 10, 12, 9, 11, 20, 11, 21, 32];
    const relations: Relation[] = [
      { members: [0, 1, 2], totals: [2] },
      { members: [3, 4, 5], totals: [5] },
      { members: [6, 7, 8], totals: [8] },
      { members: [0, 3, 6], totals: [6] },
      { members: [1, 4, 7], totals: [7] },
      { members: [2, 5, 8], totals: [8] },
    ];
    const hidden = suppress(v, relations, 5);
    expect(isProtected(v, hidden, relations, 5)).toBe(true);
    expect(hidden[0]).toBe(true);
    expect(hidden[8]).toBe(false);
  });

  it('keeps a fixed pattern and prefers not to touch cells fixed as shown', () => {
    const hidden = suppress([3, 8, 9, 20], [{ members: [0, 1, 2, 3], totals: [3] }], 5, new Map([[1, false]]));
    expect(hidden).toEqual([true, false, true, false]);
    expect(suppress([6, 8], [], 5, new Map([[0, true]]))).toEqual([true, false]);
  });

  it('leaves no relation with exactly one hidden member and no small count shown (random tables)', () => {
    const table = fc.record({
      rows: fc.integer({ min: 1, max: 6 }),
      cols: fc.integer({ min: 1, max: 6 }),
      seed: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: 36, maxLength: 36 }),
      threshold: fc.integer({ min: 2, max: 10 }),
    });
    fc.assert(
      fc.property(table, ({ rows, cols, seed, threshold }) => {
        // Inner cells, row totals, column totals and the grand total.
        const R = rows + 1;
        const C = cols + 1;
        const v = new Array<number>(R * C).fill(0);
        const at = (r: number, c: number) => r * C + c;
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) v[at(r, c)] = seed[r * 6 + c]!;
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
          v[at(r, cols)]! += v[at(r, c)]!;
          v[at(rows, c)]! += v[at(r, c)]!;
          v[at(rows, cols)]! += v[at(r, c)]!;
        }
        const relations: Relation[] = [];
        for (let r = 0; r <= rows; r++) relations.push({ members: Array.from({ length: C }, (_, c) => at(r, c)), totals: [at(r, cols)] });
        for (let c = 0; c <= cols; c++) relations.push({ members: Array.from({ length: R }, (_, r) => at(r, c)), totals: [at(rows, c)] });
        const hidden = suppress(v, relations, threshold);
        expect(isProtected(v, hidden, relations, threshold)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('share and percentile', () => {
  it('shows a share only when neither part nor base is hidden and the base reaches the threshold', () => {
    expect(share(5, false, 20, false, 5)).toBe(25);
    expect(share(5, true, 20, false, 5)).toBeNull();
    expect(share(2, false, 4, false, 5)).toBeNull();
    expect(share(0, false, 0, false, 5)).toBeNull();
  });

  it('takes the nearest-rank percentile of days, and none for a small group', () => {
    const h = new Map([[10, 2], [20, 2], [30, 1], [90, 5]]);
    expect(percentile(h, 0.5, 5)).toBe(30);
    expect(percentile(h, 0.9, 5)).toBe(90);
    expect(percentile(new Map([[3, 4]]), 0.5, 5)).toBeNull();
  });
});
