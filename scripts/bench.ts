/**
 * `npm run bench`: the built server on loopback, loaded with autocannon (50 connections, 10 s) once
 * with a static asset and once with the rendered start page. Prints req/s and p99 of each and the
 * ratio. Target: the rendered page at >= 50 % of the static req/s, with p99 < 50 ms. Public pages
 * are rendered once and then served from the page cache (src/shared/server/page-cache.ts); a third
 * run with a session cookie shows a full Astro render of every request.
 * Needs `npm run build` first. BENCH_SECONDS and BENCH_CONNECTIONS override the defaults.
 */
import autocannon from 'autocannon';
import { startServer } from '../tests/support/server.ts';

const seconds = Number(process.env.BENCH_SECONDS || 10);
const connections = Number(process.env.BENCH_CONNECTIONS || 50);

async function load(url: string, headers: Record<string, string> = {}) {
  // Warm up (JIT, caches), then measure.
  await autocannon({ url, connections, duration: 2, headers });
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

const server = await startServer({
  // Demo mode only for its local login provider; pages render exactly as in production.
  env: { SIP_MODE: 'demo', SIP_ENABLE_TEST_ROUTES: 'false', SIP_STRICT_I18N: 'false', LOG_LEVEL: 'info' },
  captureOutput: false,
});
try {
  const staticAsset = await load(`${server.url}/favicon.svg`);
  const page = await load(`${server.url}/sv/`);
  // A session cookie (here an unknown one) keeps a request out of the shared page cache: every
  // request is rendered by Astro, as every logged-in page is.
  const uncached = await load(`${server.url}/sv/`, { cookie: '__Host-sip_session=bench.bench' });
  const ratio = page.rps / staticAsset.rps;
  const row = (name: string, r: typeof page) =>
    `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}`;
  console.log(`bench: ${connections} connections, ${seconds} s each, on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);
  console.log(row('static /favicon.svg', staticAsset));
  console.log(row('rendered /sv/', page));
  console.log(row('rendered /sv/, no cache', uncached));
  console.log(`ratio rendered/static  ${(ratio * 100).toFixed(0)} %   (target >= 50 %, rendered p99 < 50 ms)`);
  console.log(`targets ${ratio >= 0.5 && page.p99 < 50 ? 'met' : 'NOT met'}`);
} finally {
  await server.stop();
}
