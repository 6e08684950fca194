/**
 * `npm run bench:load [-- --plans 100000 --levels 50,100,200 --skip "name,name"]`: realistic mixed
 * traffic on loopback against the built server on PostgreSQL with invented plans (scripts/bench-data.ts,
 * schema bench_load_<n>, kept and reused). Sessions come from the real login over HTTP first. Every
 * request of the mix (bench-load-mix.ts) is first timed alone on a process of its own; one slower than
 * BENCH_MAX_ALONE_MS (default 5000) on every try is named and left out of the load, which it would otherwise be all
 * about. Each level then runs for BENCH_SECONDS (default 20) or BENCH_MAX_REQUESTS (default 60 000),
 * whichever ends first, against one fresh server process and then two on the same database
 * (connections split round-robin). Prints req/s, p50/p99, errors and memory per level, the two-to-one
 * throughput ratio, and whether the targets are met; then as many people, each reading BENCH_THINK_MS
 * on average between clicks (default 1000; 0 skips them), on one process: the latency below saturation.
 * CPU per request (servers, and all PostgreSQL processes) from /proc. Needs `npm run build` first.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { benchDatabase, benchLocation, benchPostgresUrl } from './bench-data.ts';
import { loadMix, probe, without } from './bench-load-mix.ts';
import { runLevel, type LevelResult, type Server } from './bench-load-run.ts';
import { startServer, withSearchPath, type TestServer } from '../tests/support/server.ts';
import { refreshRollup } from '../src/features/stats/rollup.service.ts';
import { systemClock } from '../src/shared/time/clock.ts';

const argValue = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const plans = Number(argValue('--plans', '100000'));
const levels = argValue('--levels', '50,100,200').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS || 20);
const maxRequests = Number(process.env.BENCH_MAX_REQUESTS || 60_000);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS || 5);
/** Levels of people after the closed-loop ones: each reads this many ms on average between clicks (0: none). */
const thinkMs = Number(process.env.BENCH_THINK_MS ?? 1000);
const maxAloneMs = Number(process.env.BENCH_MAX_ALONE_MS || 5000);
const skip = argValue('--skip', '').split(',').filter((x) => x !== '');
const TARGET = { p99Ms: 200, p99At: 100, rssMb: 300, scale: 1.6 };

// autocannon's request timer (retimer) re-arms with a negative delay when this event loop lags behind:
// harmless (Node uses 1 ms), so that one warning is not printed between the rows.
process.removeAllListeners('warning');
process.on('warning', (warning) => warning.name !== 'TimeoutNegativeWarning' && console.warn(warning));

if (!fs.existsSync('dist/server/entry.mjs')) {
  console.error('bench:load needs the built server: run `npm run build` first.');
  process.exit(1);
}

// The data: demo seed (with the plan in force, SIP-DEMO-0003) and the synthetic plans; the dashboard's
// rollup brought up to date as a jobs run would (the servers run no jobs during the measurement).
const database = await benchDatabase('postgres', plans, { name: 'bench_load', activePlan: true });
await refreshRollup(database.db, systemClock);
const { rows } = await sql<{ n: number }>`select count(*)::int as n from plan`.execute(database.db);
const databaseUrl = withSearchPath(benchPostgresUrl, benchLocation('postgres', plans, 'bench_load'));

const env = {
  SIP_MODE: 'demo', // only for its local login provider; pages render as in production
  LOG_LEVEL: 'info', // one JSON line per request, as in production
  JOBS_INTERVAL_SECONDS: '0', // no rollup or reminder jobs during the measurement
  RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
  RATE_LIMIT_POST_PER_MINUTE: '100000', // all traffic comes from one address
  SIP_ENABLE_TEST_ROUTES: 'false',
  SIP_STRICT_I18N: 'false',
};
const servers: TestServer[] = [];
const start = async () => servers.push(await startServer({ env, databaseUrl, captureOutput: false }));
const asTargets = (): Server[] => servers.map((s) => ({ url: s.url, pid: s.process.pid! }));

const mb = (x: number) => `${x.toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
function printRow(r: LevelResult): void {
  const memory = r.memory.map((m) => `${mb(m.rssMb)} (peak ${mb(m.hwmMb)})`).join(' + ');
  console.log(
    `${String(r.servers).padStart(2)} proc ${String(r.connections).padStart(4)} ${r.thinkMs === undefined ? ' conn' : ' people'}  ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50).padStart(7)}  p99 ${ms(r.p99).padStart(7)}  errors ${String(r.errors).padStart(4)}  ${r.requests} req in ${r.seconds.toFixed(1)} s  RSS ${memory}`,
  );
  const kinds = Object.entries(r.byKind).map(([k, v]) => `${k} ${v.requests} p50 ${ms(v.p50)} p99 ${ms(v.p99)}`);
  console.log(`               by class: ${kinds.join(' | ')}`);
  const c = r.cpuMsPerRequest;
  console.log(
    `               CPU per request: node ${c.node.toFixed(2)} ms, PostgreSQL ${c.postgres.toFixed(2)} ms, load generator ${c.bench.toFixed(2)} ms, kernel and the rest ${c.other.toFixed(2)} ms; machine ${(r.machine.busy * 100).toFixed(0)} % busy of ${r.machine.cores} cores`,
  );
  if (r.errorSamples.length > 0) console.log(`               errors: ${r.errorSamples.slice(0, 6).join('; ')}`);
}

const results: LevelResult[] = [];
const people: LevelResult[] = [];
let leftOut: { name: string; ms: number; fastest: number }[] = [];
try {
  // Sessions and the timing of each request alone on a process of its own (a slow page can push a
  // process's memory high for good, which would then show in every level).
  await start();
  const all = without(await loadMix(database.db, servers[0]!.url), (name) => skip.some((x) => name.includes(x)));
  await database.close();
  const alone = await probe(servers[0]!.url, all);
  await servers.pop()!.stop();
  leftOut = alone.filter((p) => p.fastest > maxAloneMs);
  const mix = without(all, (name) => leftOut.some((p) => p.name === name));
  console.log(`bench:load on PostgreSQL, ${rows[0]!.n} plans (${plans} invented), ${levels.join('/')} connections, ${seconds} s or ${maxRequests} requests per level`);
  if (skip.length > 0) console.log(`left out by --skip: requests named ${skip.map((x) => `"${x}"`).join(', ')}`);
  console.log('slowest requests alone (one at a time; median of up to 3 tries, fastest):');
  for (const p of alone.slice(0, Math.max(6, leftOut.length + 3))) {
    console.log(`  ${ms(p.ms).padStart(8)} ${ms(p.fastest).padStart(8)}  ${p.name}${leftOut.includes(p) ? `  -> left out of the load (over ${maxAloneMs} ms every time)` : ''}`);
  }
  console.log(`the load: ${mix.map((m) => `${m.kind} ${m.weight} % (${m.steps.length} kinds)`).join(', ')}`);
  console.log('RSS per process: the highest VmRSS sampled during the level (peak = VmHWM since the process started)');

  for (const count of [1, 2]) {
    while (servers.length < count) await start();
    await runLevel(asTargets(), mix, levels[0]!, warmupSeconds, maxRequests); // warm-up, not counted
    for (const connections of levels) {
      const r = await runLevel(asTargets(), mix, connections, seconds, maxRequests);
      results.push(r);
      printRow(r);
    }
  }
  if (thinkMs > 0) {
    // The same numbers of people, each reading between clicks: the latency at a load below saturation.
    while (servers.length > 1) await servers.pop()!.stop();
    console.log(`people: each clicks, reads ${thinkMs} ms on average (exponential) and clicks again; one process (not a target: the latency below saturation)`);
    for (const connections of levels) {
      const r = await runLevel(asTargets(), mix, connections, seconds, maxRequests, thinkMs);
      people.push(r);
      printRow(r);
    }
  }
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}

// Targets (issue 9), on 2 cores.
const one = results.filter((r) => r.servers === 1);
const two = results.filter((r) => r.servers === 2);
const at = one.find((r) => r.connections === TARGET.p99At);
const ratios = levels.map((c) => (two.find((r) => r.connections === c)?.rps ?? NaN) / (one.find((r) => r.connections === c)?.rps ?? NaN));
const bestRatio = Math.max(...ratios.filter((x) => !Number.isNaN(x)));
// What the whole machine could serve at this CPU per request (every process counted, the load generator too):
// the most that any number of server processes can reach here, as a multiple of one process.
const ceilings = levels.map((connections) => {
  const r = one.find((x) => x.connections === connections);
  if (!r) return NaN;
  const c = r.cpuMsPerRequest;
  return (r.machine.cores * 1000) / (c.node + c.postgres + c.bench + c.other) / r.rps;
});
const maxRss = Math.max(...[...results, ...people].flatMap((r) => r.memory.map((m) => m.hwmMb)));
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
const checks = [
  [`0 errors (${[...results, ...people].reduce((s, r) => s + r.errors, 0)})`, [...results, ...people].every((r) => r.errors === 0)],
  [`p99 < ${TARGET.p99Ms} ms at ${TARGET.p99At} connections, one process (${at ? ms(at.p99) : 'level not run'})`, at && at.p99 < TARGET.p99Ms],
  [`RSS < ${TARGET.rssMb} MB per process (highest VmHWM ${mb(maxRss)})`, maxRss < TARGET.rssMb],
  [`two processes >= ${TARGET.scale}x one (${ratios.map((x, i) => `${levels[i]}: ${x.toFixed(2)}x`).join(', ')})`, bestRatio >= TARGET.scale],
] as const;
for (const [what, ok] of checks) console.log(`target ${what}: ${verdict(ok)}`);
console.log(
  `ceiling of this machine for more processes, from one process's CPU per request (all processes, the load generator too): ${ceilings.map((x, i) => `${levels[i]}: ${x.toFixed(2)}x`).join(', ')}`,
);
if (leftOut.length > 0 || skip.length > 0) console.log(`(targets measured without ${[...leftOut.map((p) => p.name), ...skip].join(', ')}: not met for those)`);
console.log('The machine may be shared with other work: figures are what this run saw.');
