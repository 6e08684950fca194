/**
 * "Who has read my information", at a glance: the events of one day by one reader (a person, a staff
 * member of one unit, a system) become one row — who, their role and organisation, what they did, how
 * many times, from when to when — newest first. The full list stays one click away.
 */

/** The reader of an event as the log names them. */
export type LogReader =
  | { kind: 'self' }
  | { kind: 'person' | 'staff'; name: string; unit: string | null; title?: string | null; organisation?: string | null }
  | { kind: 'system'; name: string | null };

/** One event: when, by whom, what. */
export interface LogEvent<A extends string = string> {
  at: Date;
  who: LogReader;
  action: A;
}

/** The events of one reader on one day. */
export interface LogGroup<A extends string = string> {
  day: string;
  who: LogReader;
  /** The distinct actions, in the order they first happened on that day. */
  actions: A[];
  count: number;
  first: Date;
  last: Date;
}

function readerKey(who: LogReader): string {
  if (who.kind === 'self') return 'self';
  if (who.kind === 'system') return `system\u0000${who.name ?? ''}`;
  return [who.kind, who.name, who.unit ?? '', who.organisation ?? ''].join('\u0000');
}

/**
 * Groups events (newest first, as the log is read) by day and reader; `dayOf` gives the calendar day in
 * Swedish time ("YYYY-MM-DD"). The groups come newest first; each lists what was done, oldest first.
 */
export function groupAccessLog<A extends string>(events: readonly LogEvent<A>[], dayOf: (at: Date) => string): LogGroup<A>[] {
  const groups = new Map<string, LogGroup<A>>();
  for (const e of events) {
    const day = dayOf(e.at);
    const key = `${day}\u0001${readerKey(e.who)}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { day, who: e.who, actions: [e.action], count: 1, first: e.at, last: e.at });
      continue;
    }
    g.count += 1;
    if (e.at < g.first) g.first = e.at;
    if (e.at > g.last) g.last = e.at;
    if (!g.actions.includes(e.action)) g.actions.unshift(e.action);
  }
  return [...groups.values()].sort((a, b) => b.last.getTime() - a.last.getTime());
}
