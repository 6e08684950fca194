/**
 * Databases of invented plans for the benchmarks (`bench:stats`, `bench:load`): the demo seed, then
 * `n` synthetic plans (db/synthetic.ts) and a full rollup the first time; kept and reused by the next
 * run (PGlite in data/<name>-<n>, PostgreSQL in schema <name>_<n>). PostgreSQL comes from
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (default: the test server).
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type AppDatabase } from '../src/shared/server/database.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { generateSynthetic } from '../db/synthetic.ts';
import { refreshRollup } from '../src/features/stats/rollup.service.ts';
import { systemClock } from '../src/shared/time/clock.ts';

export const benchPostgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://sip_test:sip_test@127.0.0.1:5432/sip_test';

export type BenchEngine = 'postgres' | 'pglite';

export interface BenchDataOptions {
  /** Folder and schema prefix, e.g. `bench_stats` (schema bench_stats_100000, folder data/bench-stats-100000). */
  name: string;
  /** Seed the demo plan in force (SIP-DEMO-0003), whose dates follow the real calendar. */
  activePlan: boolean;
  /** Rebuild the rollup in full (and say how long it took) even when no plans were added. */
  fullRollup?: boolean;
}

/** The PostgreSQL schema (or PGlite folder) a benchmark database of `n` plans lives in. */
export function benchLocation(engine: BenchEngine, n: number, name: string): string {
  return engine === 'pglite' ? path.resolve(`data/${name.replaceAll('_', '-')}-${n}`) : `${name}_${n}`;
}

async function open(engine: BenchEngine, n: number, name: string): Promise<AppDatabase> {
  const where = benchLocation(engine, n, name);
  if (engine === 'pglite') {
    fs.mkdirSync(where, { recursive: true });
    return openDatabase({ databaseUrl: undefined, pgliteDir: where });
  }
  const client = new pg.Client({ connectionString: benchPostgresUrl });
  await client.connect();
  await client.query(`create schema if not exists ${where}`);
  await client.end();
  return openDatabase({ databaseUrl: benchPostgresUrl, pgliteDir: '' }, { searchPath: where });
}

/**
 * Opens (creating what is missing) the benchmark database with `n` synthetic plans: migrated, demo
 * data loaded, plans generated up to `n` and the rollup rebuilt in full when any were added (or when asked).
 */
export async function benchDatabase(engine: BenchEngine, n: number, options: BenchDataOptions): Promise<AppDatabase> {
  const database = await open(engine, n, options.name);
  const db = database.db;
  try {
    await migrateToLatest(db);
    await seedDemo(db, { activePlan: options.activePlan });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from plan where reference like 'SYN-%'`.execute(db);
    const have = Number(rows[0]!.n);
    if (have < n) {
      const g = await generateSynthetic(db, n - have, systemClock.now(), (done) => process.stdout.write(`\r${engine} ${n}: generating ${have + done} / ${n}`));
      process.stdout.write('\n');
      console.log(`${engine} ${n}: generated ${n - have} plans in ${(g.ms / 1000).toFixed(1)} s`);
    }
    if (have < n || options.fullRollup) {
      const r = await refreshRollup(db, systemClock, { full: true });
      console.log(`${engine} ${n}: rollup rebuilt in full, ${r.months} months, ${r.cells} cells, ${(r.ms / 1000).toFixed(1)} s`);
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
