import { describe, expect, it } from 'vitest';
import { groupAccessLog, type LogEvent } from './access-log.domain.ts';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const rasmus = { kind: 'staff' as const, name: 'Rasmus Regionsson', unit: 'Vuxenpsykiatri', title: 'Sjuksköterska', organisation: 'Region Exempel' };
const karin = { kind: 'staff' as const, name: 'Karin Kommunsson', unit: 'Socialtjänst vuxen', title: 'Socialsekreterare', organisation: 'Exempelby kommun' };
const at = (s: string) => new Date(`2026-12-07T${s}:00Z`);

describe('the access log at a glance', () => {
  it('seventy reads in five minutes by two staff become two rows, newest first, with what each did', () => {
    const events: LogEvent[] = [];
    for (let i = 0; i < 70; i++) {
      const who = i % 2 === 0 ? rasmus : karin;
      events.push({ at: new Date(at('10:00').getTime() + i * 4_000), who, action: i === 69 ? 'plan.write' : 'plan.read' });
    }
    events.reverse(); // the log is read newest first
    const groups = groupAccessLog(events, dayOf);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ who: karin, count: 35, actions: ['plan.read', 'plan.write'], day: '2026-12-07' });
    expect(groups[1]).toMatchObject({ who: rasmus, count: 35, actions: ['plan.read'] });
    expect(groups[1]!.first).toEqual(at('10:00'));
  });

  it('the same reader on another day, or for another unit, is a row of its own', () => {
    const events: LogEvent[] = [
      { at: new Date('2026-12-08T09:00:00Z'), who: rasmus, action: 'plan.read' },
      { at: new Date('2026-12-07T09:00:00Z'), who: { ...rasmus, unit: 'Vårdcentralen Exempelby' }, action: 'plan.read' },
      { at: new Date('2026-12-07T08:00:00Z'), who: rasmus, action: 'plan.read' },
      { at: new Date('2026-12-07T07:00:00Z'), who: { kind: 'self' }, action: 'session.login' },
    ];
    expect(groupAccessLog(events, dayOf).map((g) => [g.day, g.who.kind === 'staff' ? g.who.unit : g.who.kind, g.count])).toEqual([
      ['2026-12-08', 'Vuxenpsykiatri', 1],
      ['2026-12-07', 'Vårdcentralen Exempelby', 1],
      ['2026-12-07', 'Vuxenpsykiatri', 1],
      ['2026-12-07', 'self', 1],
    ]);
  });
});
