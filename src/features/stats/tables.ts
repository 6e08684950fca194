/**
 * What each table of the dashboard shows: which cube, and its columns — counts, shares and days, for the
 * period or the one before. The definitions beside each table are in locales/<lang>/stats.json under
 * `tables.<id>.definition`.
 */
import { CLOSED_REASONS, DEVIATION_TYPES, FEEDBACK_VALUES, type CubeId } from './cubes.ts';

export type TableId = 'requests' | 'plans' | 'closing' | 'firstMeeting' | 'followUps' | 'tookPart' | 'goals' | 'deviations' | 'feedback';

export interface ColumnDef {
  key: string;
  kind: 'count' | 'percent' | 'days';
  /** The cube column counted (count, percent part). */
  of: string;
  /** The base of a share, or the count a percentile needs. */
  base?: string;
  percentile?: number;
  previous?: boolean;
  /** Drawn in the chart. */
  chart?: boolean;
}

export interface TableDef {
  id: TableId;
  cube: CubeId;
  columns: ColumnDef[];
}

const c = (key: string, of = key, chart = false): ColumnDef => ({ key, kind: 'count', of, chart });
const prev = (col: ColumnDef): ColumnDef => ({ ...col, key: `${col.key}Previous`, previous: true, chart: false });

export const TABLES: readonly TableDef[] = [
  { id: 'requests', cube: 'requests', columns: [c('citizen', 'citizen', true), c('staff', 'staff', true), c('received'), prev(c('received'))] },
  { id: 'plans', cube: 'plans', columns: [c('citizen', 'citizen', true), c('staff', 'staff', true), c('started'), c('closed', 'closed', true), c('open'), prev(c('started')), prev(c('open'))] },
  { id: 'closing', cube: 'plans', columns: [...CLOSED_REASONS.map((r) => c(r, `closed.${r}`, true)), c('closed')] },
  {
    id: 'firstMeeting',
    cube: 'firstMeeting',
    columns: [
      c('held'),
      c('inTime', 'inTime', true),
      c('late', 'late', true),
      { key: 'inTimeShare', kind: 'percent', of: 'inTime', base: 'held' },
      { key: 'median', kind: 'days', of: 'held', base: 'held', percentile: 0.5 },
      { key: 'p90', kind: 'days', of: 'held', base: 'held', percentile: 0.9 },
      { key: 'inTimeSharePrevious', kind: 'percent', of: 'inTime', base: 'held', previous: true },
      { key: 'medianPrevious', kind: 'days', of: 'held', base: 'held', percentile: 0.5, previous: true },
    ],
  },
  {
    id: 'followUps',
    cube: 'followUps',
    columns: [c('recorded'), c('onTime', 'onTime', true), c('late', 'late', true), { key: 'onTimeShare', kind: 'percent', of: 'onTime', base: 'recorded' }, { key: 'onTimeSharePrevious', kind: 'percent', of: 'onTime', base: 'recorded', previous: true }],
  },
  {
    id: 'tookPart',
    cube: 'tookPart',
    columns: [c('recorded'), c('yes', 'yes', true), c('no', 'no', true), { key: 'yesShare', kind: 'percent', of: 'yes', base: 'recorded' }, { key: 'yesSharePrevious', kind: 'percent', of: 'yes', base: 'recorded', previous: true }],
  },
  {
    id: 'goals',
    cube: 'goals',
    columns: [
      c('met', 'met', true),
      c('partlyMet', 'partlyMet', true),
      c('notMet', 'notMet', true),
      c('assessed'),
      { key: 'metShare', kind: 'percent', of: 'met', base: 'assessed' },
      { key: 'metSharePrevious', kind: 'percent', of: 'met', base: 'assessed', previous: true },
    ],
  },
  { id: 'deviations', cube: 'deviations', columns: [...DEVIATION_TYPES.map((t) => c(t, t, true)), c('reported'), c('closed'), prev(c('reported'))] },
  { id: 'feedback', cube: 'feedback', columns: [...FEEDBACK_VALUES.map((v) => c(`value${v === 'dontKnow' ? 'DontKnow' : v}`, v, true)), c('n'), prev(c('n'))] },
];

/** The scale questions of SIP-kollen's default set, in order (the rows of the feedback table). */
export const FEEDBACK_QUESTION_KEYS = ['informed', 'tookPart', 'listenedTo', 'together', 'whoDoesWhat', 'knowCoordinator', 'meaningful'] as const;
