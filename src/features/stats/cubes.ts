/**
 * The dashboard's cubes as data: for each, its columns, which rollup (metric, bucket) counts into which
 * column, the sums among the columns, a stock carried over (open plans), and the breakdowns it has.
 */
import type { ClosingReason, DeviationType } from '../../../db/schema.ts';

export const BREAKDOWNS = ['none', 'principal', 'unit', 'scope', 'age'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
/** The rollup's `dim` for a breakdown. */
export type Dim = 'total' | Exclude<Breakdown, 'none'>;

export const CLOSED_REASONS = ['consentWithdrawn', 'goalsMet', 'noLongerNeeded', 'moved', 'other'] as const satisfies readonly ('consentWithdrawn' | ClosingReason)[];
export const DEVIATION_TYPES = ['notInitiated', 'noShow', 'poorTreatment', 'planNotFollowed', 'other'] as const satisfies readonly DeviationType[];
export const FEEDBACK_VALUES = ['1', '2', '3', '4', '5', 'dontKnow'] as const;

export type CubeId = 'requests' | 'plans' | 'firstMeeting' | 'followUps' | 'tookPart' | 'goals' | 'deviations' | 'feedback';

export interface CubeDef {
  id: CubeId;
  columns: readonly string[];
  /** The column a rollup (metric, bucket) counts into. */
  column(metric: string, bucket: string): string | undefined;
  sums: readonly { total: string; parts: readonly string[] }[];
  /** A stock carried from period to period: end = end before + inflow − outflow. */
  stock?: { column: string; inflow: string; outflow: string };
  breakdowns: readonly Breakdown[];
}

const ALL: readonly Breakdown[] = BREAKDOWNS;

export const CUBES: Record<CubeId, CubeDef> = {
  requests: {
    id: 'requests',
    columns: ['citizen', 'staff', 'received'],
    column: (m, b) => (m === 'requests' && (b === 'citizen' || b === 'staff') ? b : undefined),
    sums: [{ total: 'received', parts: ['citizen', 'staff'] }],
    // A request has no units and no scope until a plan is started from it.
    breakdowns: ['none', 'principal', 'age'],
  },
  plans: {
    id: 'plans',
    columns: ['citizen', 'staff', 'started', ...CLOSED_REASONS.map((r) => `closed.${r}`), 'closed', 'open'],
    column: (m, b) =>
      m === 'plansStarted' && (b === 'citizen' || b === 'staff') ? b : m === 'plansClosed' && (CLOSED_REASONS as readonly string[]).includes(b) ? `closed.${b}` : undefined,
    sums: [
      { total: 'started', parts: ['citizen', 'staff'] },
      { total: 'closed', parts: CLOSED_REASONS.map((r) => `closed.${r}`) },
    ],
    stock: { column: 'open', inflow: 'started', outflow: 'closed' },
    breakdowns: ALL,
  },
  firstMeeting: {
    id: 'firstMeeting',
    columns: ['inTime', 'late', 'held'],
    column: (m, b) => (m === 'firstMeeting' && (b === 'inTime' || b === 'late') ? b : undefined),
    sums: [{ total: 'held', parts: ['inTime', 'late'] }],
    breakdowns: ALL,
  },
  followUps: {
    id: 'followUps',
    columns: ['onTime', 'late', 'recorded'],
    column: (m, b) => (m === 'followUp' && (b === 'onTime' || b === 'late') ? b : undefined),
    sums: [{ total: 'recorded', parts: ['onTime', 'late'] }],
    breakdowns: ALL,
  },
  tookPart: {
    id: 'tookPart',
    columns: ['yes', 'no', 'recorded'],
    column: (m, b) => (m === 'tookPart' && (b === 'yes' || b === 'no') ? b : undefined),
    sums: [{ total: 'recorded', parts: ['yes', 'no'] }],
    breakdowns: ALL,
  },
  goals: {
    id: 'goals',
    columns: ['met', 'partlyMet', 'notMet', 'assessed'],
    column: (m, b) => (m === 'goal' && ['met', 'partlyMet', 'notMet'].includes(b) ? b : undefined),
    sums: [{ total: 'assessed', parts: ['met', 'partlyMet', 'notMet'] }],
    breakdowns: ALL,
  },
  deviations: {
    id: 'deviations',
    columns: [...DEVIATION_TYPES, 'reported', 'closed'],
    column: (m, b) => (m === 'deviationReported' && (DEVIATION_TYPES as readonly string[]).includes(b) ? b : m === 'deviationClosed' ? 'closed' : undefined),
    sums: [{ total: 'reported', parts: DEVIATION_TYPES }],
    breakdowns: ALL,
  },
  feedback: {
    id: 'feedback',
    // Rows are the questions (see `feedbackRows`); the answers are not broken down further.
    columns: [...FEEDBACK_VALUES, 'n'],
    column: (m, b) => (m === 'feedback' ? b.split(':')[1] : undefined),
    sums: [{ total: 'n', parts: FEEDBACK_VALUES }],
    breakdowns: ['none'],
  },
};
