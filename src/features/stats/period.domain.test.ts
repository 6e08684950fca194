import { describe, expect, it } from 'vitest';
import { monthRange, parsePeriod, periodChoices, previousPeriod, periodFromKey } from './period.domain.ts';

const today = '2026-11-23';

describe('periods', () => {
  it('reads a month, a quarter and a year, and defaults to this year', () => {
    expect(parsePeriod({ period: '2026-03' }, today)).toMatchObject({ ok: true, period: { kind: 'month', months: ['2026-03'] } });
    expect(parsePeriod({ period: '2026-Q3' }, today)).toMatchObject({ ok: true, period: { kind: 'quarter', months: ['2026-07', '2026-08', '2026-09'] } });
    expect(parsePeriod({}, today)).toMatchObject({ ok: true, period: { kind: 'year', key: '2026' } });
  });

  it('accepts from–to only as a whole month, quarter or year', () => {
    expect(parsePeriod({ from: '2026-04', to: '2026-06' }, today)).toMatchObject({ ok: true, period: { key: '2026-Q2' } });
    expect(parsePeriod({ from: '2025-01', to: '2025-12' }, today)).toMatchObject({ ok: true, period: { key: '2025' } });
    expect(parsePeriod({ from: '2026-02', to: '2026-03' }, today)).toEqual({ ok: false, issue: 'notWhole' });
  });

  it('says what is wrong with a period it cannot use', () => {
    expect(parsePeriod({ from: '2026-06', to: '2026-01' }, today)).toEqual({ ok: false, issue: 'inverted' });
    expect(parsePeriod({ from: '2001-01', to: '2026-12' }, today)).toEqual({ ok: false, issue: 'tooLong' });
    expect(parsePeriod({ period: '2027' }, today)).toEqual({ ok: false, issue: 'future' });
    for (const bad of ['', 'x', '2026-13', '2026-Q5', '1999', '2026-1', "2026' or 1=1"]) expect(parsePeriod({ period: bad || 'x' }, today)).toEqual({ ok: false, issue: 'unknown' });
    expect(parsePeriod({ from: 'abc', to: '2026-01' }, today)).toEqual({ ok: false, issue: 'unknown' });
  });

  it('compares with the period before', () => {
    expect(previousPeriod(periodFromKey('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(periodFromKey('2026-Q1')!).key).toBe('2025-Q4');
    expect(previousPeriod(periodFromKey('2026')!).key).toBe('2025');
  });

  it('offers the recent periods newest first', () => {
    const c = periodChoices(today);
    expect(c.month[0]!.key).toBe('2026-11');
    expect(c.month).toHaveLength(24);
    expect(c.quarter[0]!.key).toBe('2026-Q4');
    expect(c.year.map((p) => p.key)).toEqual(['2026', '2025', '2024', '2023', '2022', '2021']);
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
