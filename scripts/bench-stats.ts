/**
 * `npm run bench:stats [-- --plans 100000,1000000] [--engine postgres|pglite|both]`: the manager
 * dashboard at scale. For each engine and size: a database of invented plans (db/synthetic.ts; kept in
 * data/bench-stats-<n> or schema bench_stats_<n> and reused by the next run), the rollup rebuilt in full,
 * then the dashboard service — its queries, the suppression of every cube and the view model — timed
 * cold (cache emptied before each call, as after a rebuild) and warm, over a mix of filters; then the
 * rendered page over HTTP from the built server (`npm run build` first; `--no-page` skips it), logged in
 * through the real login, every view once cold and then warm. Prints p50/p95 and the ratio of the largest
 * size to the smallest. `--full` times a full rollup rebuild also when the data is already there. PostgreSQL from BENCH_DATABASE_URL or
 * TEST_DATABASE_URL (default the test server, postgres://sip_test:sip_test@127.0.0.1:5432/sip_test).
 */
import fs from 'node:fs';
import { benchDatabase, benchLocation, benchPostgresUrl, type BenchEngine } from './bench-data.ts';
import { DEMO_STAFF } from '../db/seed/demo-identities.ts';
import { loadActor } from '../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../src/features/access/guardianship.repository.ts';
import { refreshRollup } from '../src/features/stats/rollup.service.ts';
import { clearStatsCache, dashboard } from '../src/features/stats/stats.service.ts';
import { systemClock } from '../src/shared/time/clock.ts';
import { startServer, withSearchPath } from '../tests/support/server.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { sessionFor } from '../tests/support/login.ts';

const argValue = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const sizes = argValue('--plans', '100000,1000000').split(',').map(Number);
const engines = (argValue('--engine', 'both') === 'both' ? ['postgres', 'pglite'] : [argValue('--engine', 'both')]) as BenchEngine[];

const pgliteDir = (n: number) => benchLocation('pglite', n, 'bench_stats');
const schemaUrl = (n: number) => withSearchPath(benchPostgresUrl, benchLocation('postgres', n, 'bench_stats'));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};

/**
 * The rendered page through the built server (`npm run build` first) on the same data, logged in through
 * the real login: each view (agreement × scope × breakdown) once cold — its first request computes its
 * cubes — then all of them again and again warm. Sequential requests: the time one person waits.
 */
async function timePages(engine: BenchEngine, n: number, views: string[]): Promise<{ cold: number[]; warm: number[] }> {
  if (!fs.existsSync('dist/server/entry.mjs')) throw new Error('run `npm run build` first: the page timing serves dist/');
  const server = await startServer({
    env: {
      ...(engine === 'pglite' ? { PGLITE_DIR: pgliteDir(n) } : { DATABASE_URL: schemaUrl(n) }),
      JOBS_INTERVAL_SECONDS: '0',
      SIP_ENABLE_TEST_ROUTES: 'false',
      SIP_STRICT_I18N: 'false',
    },
    captureOutput: false,
  });
  try {
    const browser = await launchBrowser();
    const session = await sessionFor(browser, server.url, 'staff', 'Lena Länsdotter').finally(() => browser.close());
    const get = async (query: string) => {
      const t = performance.now();
      const res = await fetch(`${server.url}/sv/manager?${query}`, { headers: { cookie: `__Host-sip_session=${session}` } });
      const html = await res.text();
      if (res.status !== 200 || !html.includes('<table')) throw new Error(`page ${query}: ${res.status}`);
      return performance.now() - t;
    };
    const cold: number[] = [];
    for (const v of views) cold.push(await get(v));
    const warm: number[] = [];
    for (let i = 0; i < 200; i++) warm.push(await get(views[i % views.length]!));
    return { cold, warm };
  } finally {
    await server.stop();
  }
}

const results: Record<string, Record<number, { cold95: number; warm95: number; page95: number }>> = {};
for (const engine of engines) {
  results[engine] = {};
  for (const n of sizes) {
    const database = await benchDatabase(engine, n, { name: 'bench_stats', activePlan: false, fullRollup: process.argv.includes('--full') });
    const db = database.db;
    const views: string[] = [];
    try {
      const recent = await refreshRollup(db, systemClock);
      console.log(`${engine} ${n}: rollup of the recent months (each jobs run) ${recent.ms} ms`);
      const hsa = DEMO_STAFF.find((s) => s.sub === 'demo-manager-lan')!.hsaId;
      const { id } = await db.selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
      const actor = (await loadActor(db, { id: 'bench', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, systemClock, demoRegisterGuardianships(db))).actor;
      const principals = (await db.selectFrom('principal').select('id').where('name', 'in', ['Exempelby kommun', 'Region Exempel']).execute()).map((p) => p.id);
      const queries = [
        { period: String(new Date().getFullYear()) },
        { breakdown: 'unit', period: `${new Date().getFullYear() - 1}` },
        { breakdown: 'principal' },
        { principal: principals[0], breakdown: 'unit' },
        { principal: principals[1], breakdown: 'age', period: `${new Date().getFullYear()}-Q1` },
        { breakdown: 'scope' },
      ];
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < 30; i++) {
        clearStatsCache();
        const t = performance.now();
        const r = await dashboard(db, actor, systemClock, queries[i % queries.length]!, 5);
        cold.push(performance.now() - t);
        if (!r.ok) throw new Error(`dashboard refused ${JSON.stringify(queries[i % queries.length])}: ${r.issue}`);
      }
      for (let i = 0; i < 100; i++) {
        const t = performance.now();
        await dashboard(db, actor, systemClock, queries[i % queries.length]!, 5);
        warm.push(performance.now() - t);
      }
      results[engine]![n] = { cold95: pct(cold, 0.95), warm95: pct(warm, 0.95), page95: 0 };
      console.log(`${engine} ${n}: dashboard service cold p50 ${pct(cold, 0.5).toFixed(0)} ms p95 ${pct(cold, 0.95).toFixed(0)} ms | warm p50 ${pct(warm, 0.5).toFixed(1)} ms p95 ${pct(warm, 0.95).toFixed(1)} ms`);
      // Every view the manager can ask for, for the page timing.
      const agreements = await db.selectFrom('principal').select(['agreement_id', 'id']).where('agreement_id', 'is not', null).execute();
      for (const agreement of [...new Set(agreements.map((a) => a.agreement_id!))]) {
        for (const scope of ['', ...agreements.filter((a) => a.agreement_id === agreement).map((a) => a.id)]) {
          for (const breakdown of ['none', 'unit', 'scope', 'age', ...(scope === '' ? ['principal'] : [])]) {
            views.push(new URLSearchParams({ agreement, ...(scope ? { principal: scope } : {}), breakdown, period: String(new Date().getFullYear()) }).toString());
          }
        }
      }
    } finally {
      await database.close();
    }
    if (process.argv.includes('--no-page')) continue;
    const pages = await timePages(engine, n, views);
    const all = [...pages.cold, ...pages.warm];
    results[engine]![n]!.page95 = pct(all, 0.95);
    console.log(
      `${engine} ${n}: page /sv/manager over HTTP: ${pages.cold.length} views cold p50 ${pct(pages.cold, 0.5).toFixed(0)} ms p95 ${pct(pages.cold, 0.95).toFixed(0)} ms | ` +
        `then ${pages.warm.length} requests p50 ${pct(pages.warm, 0.5).toFixed(0)} ms p95 ${pct(pages.warm, 0.95).toFixed(0)} ms | all p95 ${pct(all, 0.95).toFixed(0)} ms`,
    );
  }
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  if (small !== large) {
    const a = results[engine]![small]!;
    const b = results[engine]![large]!;
    console.log(`${engine}: ratio ${large}/${small} p95 service cold ${(b.cold95 / a.cold95).toFixed(2)}, warm ${(b.warm95 / a.warm95).toFixed(2)}, page ${(b.page95 / a.page95).toFixed(2)}`);
  }
}
