/**
 * The manager dashboard: aggregates of one agreement (or one principal of it) for a calendar period,
 * compared with the period before, by a breakdown — read from the rollup, suppressed as whole cubes, and
 * only for principals the manager is responsible for. Nothing here can show a person.
 *
 * Cubes are cached per agreement, principal scope and breakdown until the rollup is rebuilt (the jobs
 * runner stamps each rebuild in app_metadata), so a dashboard costs its queries once per rebuild.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { AccessDenied, can, type Actor } from '../access/access.domain.ts';
import { swedishDate } from '../plan/deadline.domain.ts';
import { asTotal, axisOf, buildCube, type CellRow, type Cube } from './cube.domain.ts';
import { BREAKDOWNS, CUBES, type Breakdown, type CubeId, type Dim } from './cubes.ts';
import { parsePeriod, periodChoices, previousPeriod, type Period, type PeriodIssue, type PeriodKind } from './period.domain.ts';
import * as repo from './stats.repository.ts';
import { ROLLUP_STAMP } from './rollup.service.ts';
import { FEEDBACK_QUESTION_KEYS, TABLES } from './tables.ts';
import { feedbackReleased, quartersOf } from './feedback-release.domain.ts';
import { tableFigures, type RowLabel, type TableView } from './table-figures.ts';

export interface DashboardQuery {
  agreement?: string | null;
  principal?: string | null;
  period?: string | null;
  from?: string | null;
  to?: string | null;
  breakdown?: string | null;
}

/** The dashboard's query from the page's address (the same for the page and its CSV). */
export function queryFromUrl(params: URLSearchParams): DashboardQuery {
  return { agreement: params.get('agreement'), principal: params.get('principal'), period: params.get('period'), from: params.get('from'), to: params.get('to'), breakdown: params.get('breakdown') };
}

export type { Figure, RowLabel, TableView } from './table-figures.ts';

export interface Dashboard {
  agreements: { id: string; name: string }[];
  agreement: { id: string; name: string };
  scopes: { key: string; name: string | null }[];
  scope: string;
  breakdowns: Breakdown[];
  breakdown: Breakdown;
  period: Period;
  previous: Period;
  choices: Record<PeriodKind, Period[]>;
  threshold: number;
  refreshedAt: string | null;
  tables: TableView[];
  /** Free texts of a released period (feedback-release.domain.ts) with at least `threshold` answers (alphabetical), else null. */
  texts: string[] | null;
  /** Whether SIP-kollen is shown for this period and scope (feedback-release.domain.ts). */
  feedbackReleased: boolean;
}

export type DashboardResult =
  | { ok: true; dashboard: Dashboard }
  | { ok: false; issue: PeriodIssue | 'breakdown'; form: Omit<Dashboard, 'tables' | 'texts' | 'feedbackReleased' | 'period' | 'previous'> & { period: string } };

interface Scoped {
  agreementId: string;
  principalKey: string;
  breakdown: Breakdown;
}

const cache = new Map<string, { stamp: string; cubes: Promise<Record<CubeId, Cube>> }>();
const CACHE_LIMIT = 200;
/** The views asked for lately, computed again right after each rebuild (rewarmStats) so people seldom wait. */
const used = new Map<string, { s: Scoped; thisMonth: string; threshold: number; at: number }>();
const USED_FOR_MS = 24 * 3600 * 1000;
/** Free texts and day histograms per view and period, until the rollup is rebuilt (like the cubes). */
const periodCache = new Map<string, { stamp: string; value: Promise<unknown> }>();

function cachedForPeriod<T>(key: string, stamp: string, compute: () => Promise<T>): Promise<T> {
  const hit = periodCache.get(key);
  if (hit && hit.stamp === stamp) return hit.value as Promise<T>;
  const value = compute();
  if (periodCache.size >= CACHE_LIMIT) periodCache.delete(periodCache.keys().next().value!);
  periodCache.set(key, { stamp, value });
  value.catch(() => periodCache.delete(key));
  return value;
}

export async function dashboard(db: Kysely<Database>, actor: Actor, clock: Clock, query: DashboardQuery, threshold: number): Promise<DashboardResult> {
  if (actor.kind !== 'staff') throw new AccessDenied();
  const agreements = await repo.managedAgreements(db, [...actor.managerOfPrincipalIds]);
  const agreement = query.agreement ? agreements.find((a) => a.id === query.agreement) : agreements[0];
  if (!agreement) throw new AccessDenied();
  const directory = await repo.agreementDirectory(db, agreement.id);
  const wholeAgreement = can(actor, 'read', { type: 'statistics', principalIds: directory.principals.map((p) => p.id) });
  const managed = directory.principals.filter((p) => actor.managerOfPrincipalIds.has(p.id));
  const scopes = [...(wholeAgreement ? [{ key: '', name: null }] : []), ...managed.map((p) => ({ key: p.id, name: p.name }))];
  const scope = query.principal ?? scopes[0]!.key;
  if (!scopes.some((s) => s.key === scope)) throw new AccessDenied();
  if (scope !== '' && !can(actor, 'read', { type: 'statistics', principalIds: [scope] })) throw new AccessDenied();

  const today = swedishDate(clock.now());
  const breakdowns = BREAKDOWNS.filter((b) => b !== 'principal' || scope === '');
  const form = {
    agreements: agreements.map(({ id, name }) => ({ id, name })),
    agreement: { id: agreement.id, name: agreement.name },
    scopes,
    scope,
    breakdowns,
    breakdown: (breakdowns as readonly string[]).includes(query.breakdown ?? 'none') ? (query.breakdown ?? 'none') as Breakdown : 'none',
    choices: periodChoices(today),
    threshold,
    refreshedAt: await rollupStamp(db),
  };
  if (query.breakdown && !(breakdowns as readonly string[]).includes(query.breakdown)) return { ok: false, issue: 'breakdown', form: { ...form, period: query.period ?? '' } };
  const parsed = parsePeriod(query, today);
  if (!parsed.ok) return { ok: false, issue: parsed.issue, form: { ...form, period: query.period ?? '' } };
  const period = parsed.period;
  const previous = previousPeriod(period);
  const breakdown = form.breakdown;

  const cubes = await cubesFor(db, { agreementId: agreement.id, principalKey: scope, breakdown }, today.slice(0, 7), threshold, form.refreshedAt ?? '', clock.now().getTime());
  const dim: Dim = breakdown === 'none' ? 'total' : breakdown;
  // The day histograms grouped by row once per rollup, not per page (a scan of every row per cell took 5 ms a page).
  const daysByRow = await cachedForPeriod(`days|${agreement.id}|${scope}|${dim}|${period.key}`, form.refreshedAt ?? '', async () =>
    Map.groupBy(await repo.readDays(db, agreement.id, scope, dim, [...period.months, ...previous.months]), (d) => d.dimValue),
  );
  const rowKeys = cubes.plans.rows;
  const released = (p: Period) => feedbackReleased(p, today.slice(0, 7), scope);
  const label = (key: string): RowLabel => {
    if (key === '') return { kind: 'total' };
    if (breakdown === 'principal') return { kind: 'name', name: directory.principals.find((p) => p.id === key)?.name ?? '?' };
    if (breakdown === 'unit') return { kind: 'name', name: directory.units.find((u) => u.id === key)?.name ?? '?' };
    return { kind: 'key', key };
  };
  // The figures once per view and rollup (they were ~4 % of the CPU time of a mixed load); the row names
  // from the directory as it is now (a unit renamed since the rebuild shows its new name).
  const figures = await cachedForPeriod(`tables|${agreement.id}|${scope}|${breakdown}|${today.slice(0, 7)}|${threshold}|${period.key}`, form.refreshedAt ?? '', async () =>
    TABLES.map((t) => tableFigures(t.id, cubes, rowKeys, period, previous, daysByRow, threshold, released)),
  );
  const tables = figures.map(({ feedbackRows, ...t }): TableView => ({
    ...t,
    rows: t.rows.map((r) => ({ key: r.key, label: feedbackRows ? { kind: 'key', key: r.key } : label(r.key), figures: r.figures })),
  }));
  const texts = released(period) ? await textsFor(db, agreement.id, period, threshold, form.refreshedAt ?? '') : null;
  return { ok: true, dashboard: { ...form, period, previous, tables, texts, feedbackReleased: released(period) } };
}

/** The free texts of an agreement's released period when it has at least `threshold` answers, else null. */
function textsFor(db: Kysely<Database>, agreementId: string, period: Period, threshold: number, stamp: string): Promise<string[] | null> {
  return cachedForPeriod(`texts|${agreementId}|${period.key}|${threshold}`, stamp, async () => {
    const answers = await repo.feedbackAnswerCount(db, agreementId, '', period.months);
    return answers >= threshold ? repo.freeTexts(db, agreementId, quartersOf(period)) : null;
  });
}

/**
 * After a rebuild: computes again the cubes of the views asked for in the last day, so that the first
 * person to open them after the rebuild does not wait for it. Returns how many views.
 */
export async function rewarmStats(db: Kysely<Database>, clock: Clock): Promise<number> {
  const stamp = (await rollupStamp(db)) ?? '';
  const thisMonth = swedishDate(clock.now()).slice(0, 7);
  let n = 0;
  for (const [key, u] of used) {
    if (clock.now().getTime() - u.at > USED_FOR_MS || u.thisMonth !== thisMonth) {
      used.delete(key);
      continue;
    }
    await cubesFor(db, u.s, u.thisMonth, u.threshold, stamp, null);
    n++;
  }
  return n;
}

async function rollupStamp(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('app_metadata').select('value').where('key', '=', ROLLUP_STAMP).executeTakeFirst();
  return row?.value ?? null;
}

/** The suppressed cubes of a view, from the cache while the rollup is unchanged. */
function cubesFor(db: Kysely<Database>, s: Scoped, thisMonth: string, threshold: number, stamp: string, askedAt: number | null): Promise<Record<CubeId, Cube>> {
  const key = `${s.agreementId}|${s.principalKey}|${s.breakdown}|${thisMonth}|${threshold}`;
  if (askedAt !== null) {
    used.delete(key);
    if (used.size >= CACHE_LIMIT) used.delete(used.keys().next().value!);
    used.set(key, { s, thisMonth, threshold, at: askedAt });
  }
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.cubes;
  const cubes = computeCubes(db, s, thisMonth, threshold);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { stamp, cubes });
  cubes.catch(() => cache.delete(key));
  return cubes;
}

type Rows = (CellRow & { dim: Dim })[];
const dimValues = (rows: Rows, dim: Dim) => [...new Set(rows.filter((r) => r.dim === dim).map((r) => r.dimValue))].sort();

/**
 * The cubes of a view, each agreeing with the coarser ones it shares cells with: the agreement's total,
 * then its breakdown (total row fixed), and for one principal its row in the agreement's principal
 * breakdown as the total and, for units, the units' rows in the agreement's unit breakdown.
 */
async function computeCubes(db: Kysely<Database>, s: Scoped, thisMonth: string, threshold: number): Promise<Record<CubeId, Cube>> {
  const axis = axisOf(await repo.agreementFirstMonth(db, s.agreementId), thisMonth);
  const agreementDim: Dim = s.principalKey === '' ? (s.breakdown === 'none' ? 'total' : s.breakdown) : 'principal';
  const agreementRows = await repo.readCells(db, s.agreementId, '', agreementDim);
  const unitRows = s.principalKey !== '' && s.breakdown === 'unit' ? await repo.readCells(db, s.agreementId, '', 'unit') : [];
  const ownRows = s.principalKey === '' ? agreementRows : await repo.readCells(db, s.agreementId, s.principalKey, s.breakdown === 'none' ? 'total' : s.breakdown);
  const out = {} as Record<CubeId, Cube>;
  for (const id of Object.keys(CUBES) as CubeId[]) {
    const def = CUBES[id];
    if (id === 'feedback') {
      const rows = (s.principalKey === '' ? agreementRows : ownRows).filter((r) => r.dim === 'total').map((r) => ({ ...r, dimValue: r.bucket.split(':')[0]! }));
      out[id] = buildCube(def, axis, rows, FEEDBACK_QUESTION_KEYS, threshold, { questionRows: true });
      continue;
    }
    const applies = def.breakdowns.includes(s.breakdown);
    const totalOnly = (rows: Rows) => rows.filter((r) => r.dim === 'total');
    const agreementTotal = buildCube(def, axis, totalOnly(agreementRows), [], threshold);
    if (s.principalKey === '') {
      out[id] = applies && s.breakdown !== 'none' ? buildCube(def, axis, agreementRows, dimValues(agreementRows, agreementDim), threshold, { fixedTotal: agreementTotal }) : agreementTotal;
      continue;
    }
    const byPrincipal = buildCube(def, axis, agreementRows, dimValues(agreementRows, 'principal'), threshold, { fixedTotal: agreementTotal });
    const ownTotal = asTotal(byPrincipal, s.principalKey);
    if (!applies || s.breakdown === 'none') {
      out[id] = ownTotal;
      continue;
    }
    const dim = s.breakdown as Dim;
    let fixedUnits: Cube | undefined;
    if (dim === 'unit') fixedUnits = buildCube(def, axis, [...agreementRows.filter((r) => r.dim === 'total'), ...unitRows.filter((r) => r.dim === 'unit')], dimValues(unitRows, 'unit'), threshold, { fixedTotal: agreementTotal });
    out[id] = buildCube(def, axis, ownRows, dimValues(ownRows, dim), threshold, { fixedTotal: ownTotal, fixedRows: fixedUnits });
  }
  return out;
}

/** For tests: forget the cached cubes. */
export function clearStatsCache(): void {
  cache.clear();
  periodCache.clear();
}
