/**
 * Keeping the dashboard's rollup up to date, from the jobs runner: each run rebuilds this month and the
 * one before (new facts are stamped with the time they happen, so older months do not change), and once a
 * day everything, month by month, for what changes afterwards (a plan's scope decided at first contact,
 * units added later). One transaction per year of months: the embedded database serves pages between them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { swedishDate } from '../plan/deadline.domain.ts';
import { monthRange, periodFromKey, previousPeriod } from './period.domain.ts';
import * as repo from './stats.repository.ts';

/** app_metadata keys: when the rollup last changed (the dashboard's cache key), and the last full rebuild. */
export const ROLLUP_STAMP = 'stats.rebuiltAt';
const FULL_STAMP = 'stats.fullRebuildAt';
const FULL_EVERY_MS = 24 * 3600 * 1000;

export interface RollupResult {
  full: boolean;
  months: number;
  cells: number;
  ms: number;
}

export interface RollupOptions {
  /** Rebuild every month (else the recent two, and everything once a day). */
  full?: boolean;
  /**
   * Retention: records closed before this time may have been removed, so the months up to and including
   * its month are kept as they were counted (history does not shrink when old plans are removed). They
   * are counted only when the rollup is still empty (its first build).
   */
  keepCountedBefore?: Date;
}

export async function refreshRollup(db: Kysely<Database>, clock: Clock, options: RollupOptions = {}): Promise<RollupResult> {
  const started = performance.now();
  const now = clock.now();
  const thisMonth = swedishDate(now).slice(0, 7);
  const lastFull = await db.selectFrom('app_metadata').select('value').where('key', '=', FULL_STAMP).executeTakeFirst();
  const full = options.full || !lastFull || now.getTime() - Date.parse(lastFull.value) > FULL_EVERY_MS;
  // Fresh planner statistics first: PGlite has no autovacuum, and after bulk inserts (a migration, invented
  // data) its plans for the rebuild went from seconds to many minutes on stale estimates.
  if (full) await repo.analyzeRecords(db);
  let first = full ? await repo.firstFactMonth(db) : null;
  if (first && options.keepCountedBefore && (await repo.hasCells(db))) {
    const kept = swedishDate(options.keepCountedBefore).slice(0, 7);
    if (first <= kept) first = monthRange(kept, thisMonth)[1] ?? thisMonth;
  }
  const lastMonth = previousPeriod(periodFromKey(thisMonth)!).key;
  const months = full ? (first ? monthRange(first < thisMonth ? first : thisMonth, thisMonth) : [thisMonth]) : [lastMonth, thisMonth];
  // A year at a time (each pass reads the records once), in its own transaction.
  let cells = 0;
  for (let i = 0; i < months.length; i += 12) {
    const chunk = months.slice(i, i + 12);
    // Two processes rebuilding the same months at once would collide: the second waits, then rebuilds them again.
    cells += await db.transaction().execute(async (trx) => {
      await repo.lockRollup(trx);
      return repo.rebuildMonths(trx, chunk[0]!, chunk.at(-1)!);
    });
  }
  const stamp = now.toISOString();
  await setStamp(db, ROLLUP_STAMP, stamp, now);
  if (full) await setStamp(db, FULL_STAMP, stamp, now);
  return { full, months: months.length, cells, ms: Math.round(performance.now() - started) };
}

async function setStamp(db: Kysely<Database>, key: string, value: string, at: Date): Promise<void> {
  await db
    .insertInto('app_metadata')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
