/**
 * `npm start`: opens and migrates the database before the HTTP server listens, so that a locked
 * PGlite folder, a bad setting or a failing migration stops the process at once with a clear message.
 * Then it serves the built app (dist/) on HOST:PORT: client files from memory, the rest through Astro. `--demo-data` loads the demo data first.
 */
import http from 'node:http';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, checkServerConfig, loadConfig } from '../src/shared/server/config.ts';
import { contentSecurityPolicy, loggedPath, requestIdFrom, securityHeaders } from '../src/shared/server/http.ts';
import { isCacheable, PageCache, sendCached } from '../src/shared/server/page-cache.ts';
import { loadStaticAssets, sendAsset } from '../src/shared/server/static-assets.ts';
import { Admission, admitRequest } from '../src/shared/server/admission.ts';
import { overloadedPages } from '../src/shared/server/overloaded.ts';
import { closeDatabase, getDatabase } from '../src/shared/server/db.ts';
import { PgliteLockedError } from '../src/shared/server/pglite-lock.ts';
import { logger } from '../src/shared/server/logger.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { systemClock } from '../src/shared/time/clock.ts';
import { sql } from 'kysely';
import { generateSynthetic } from '../db/synthetic.ts';
import { refreshRollup } from '../src/features/stats/rollup.service.ts';
import { rewarmStats } from '../src/features/stats/stats.service.ts';
import { runJobs } from '../src/features/follow-up/jobs.service.ts';
import { cutoffs } from '../src/features/retention/retention.domain.ts';
import { followUpReminderMail } from '../src/features/follow-up/reminder-mail.ts';
import { drainOutbox } from '../src/shared/server/mail-outbox.ts';
import { mailEnabled } from '../src/shared/server/mail.ts';
import { startDemoIdp, type DemoIdp } from './demo-idp.ts';
import { startDemoSmtp, type DemoSmtp } from './demo-smtp.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// Demo mode without a configured provider: start the demo OpenID provider first and point the portal
// at it (the same login code as production; only the issuer differs).
let demoIdp: DemoIdp | undefined;
if (process.env.SIP_MODE === 'demo' && !process.env.OIDC_CITIZEN_ISSUER && !process.env.OIDC_STAFF_ISSUER) {
  const portalUrl = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 4321}`;
  demoIdp = await startDemoIdp({
    port: Number(process.env.DEMO_IDP_PORT ?? 4322),
    redirectUris: { citizen: [`${portalUrl}/auth/callback/citizen`], staff: [`${portalUrl}/auth/callback/staff`] },
  });
  Object.assign(process.env, {
    OIDC_CITIZEN_ISSUER: demoIdp.issuer,
    OIDC_CITIZEN_CLIENT_ID: demoIdp.clients.citizen.id,
    OIDC_CITIZEN_CLIENT_SECRET: demoIdp.clients.citizen.secret,
    OIDC_STAFF_ISSUER: demoIdp.issuer,
    OIDC_STAFF_CLIENT_ID: demoIdp.clients.staff.id,
    OIDC_STAFF_CLIENT_SECRET: demoIdp.clients.staff.secret,
  });
}

// Demo mode without a mail relay: catch mail on 127.0.0.1 (shown on the demo mailbox page).
let demoSmtp: DemoSmtp | undefined;
if (process.env.SIP_MODE === 'demo' && !process.env.SMTP_URL) {
  demoSmtp = await startDemoSmtp({ port: Number(process.env.DEMO_SMTP_PORT ?? 2525), dir: resolvePath(process.env.MAIL_DIR || './data/mail') });
  process.env.SMTP_URL = demoSmtp.url;
}

let config;
try {
  config = loadConfig();
  checkServerConfig(config);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

let database: Awaited<ReturnType<typeof getDatabase>>;
try {
  database = await getDatabase();
} catch (error) {
  if (error instanceof PgliteLockedError) fail(error.message);
  fail(`Could not open the database: ${(error as Error).message}`);
}
if (process.argv.includes('--demo-data')) await seedDemo(database.db);
// `--synthetic N`: invented plans for a lively dashboard (once; a second start finds them and adds none).
const syntheticArg = process.argv.indexOf('--synthetic');
if (syntheticArg > 0) {
  const wanted = Number(process.argv[syntheticArg + 1]);
  const { rows } = await sql<{ n: string }>`select count(*) as n from plan where reference like 'SYN-%'`.execute(database.db);
  if (Number.isInteger(wanted) && wanted > 0 && Number(rows[0]!.n) === 0) {
    const result = await generateSynthetic(database.db, wanted, systemClock.now());
    logger.info({ plans: wanted, ms: result.ms }, 'synthetic data');
  }
}

type AstroHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
const { handler } = (await import(new URL('../dist/server/entry.mjs', import.meta.url).href)) as { handler: AstroHandler };
const assets = loadStaticAssets(fileURLToPath(new URL('../dist/client/', import.meta.url)));
const assetHeaders = { ...securityHeaders(config.mode === 'production'), 'Content-Security-Policy': contentSecurityPolicy(null) };

const pages = new PageCache();
const admission = new Admission(config.admission.concurrent, config.admission.queued);
const overloadedPage = overloadedPages(fileURLToPath(new URL('../locales/', import.meta.url)));

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  const asset = req.method === 'GET' || req.method === 'HEAD' ? assets.get(path) : undefined;
  if (asset) return sendAsset(req, res, asset, assetHeaders);
  if (isCacheable(req)) {
    const cached = pages.get(path);
    if (cached) {
      const requestId = requestIdFrom(req.headers['x-request-id'] as string | undefined ?? null);
      sendCached(req, res, cached, requestId);
      logger.info({ requestId, method: req.method, path, status: cached.status, ms: 0, cached: true }, 'request');
      return;
    }
    pages.capture(path, res);
  }
  if (!admitRequest(admission, req, res, handler)) {
    // Overloaded: too many already waiting. A short page in the person's language, at once.
    const page = overloadedPage(path);
    res.writeHead(503, { ...assetHeaders, 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '10', 'Cache-Control': 'no-store' });
    res.end(page);
    logger.warn({ method: req.method, path: loggedPath(path), status: 503, waiting: admission.waiting }, 'overloaded');
  }
});
// Slow clients cannot hold connections open for ever (slowloris).
server.headersTimeout = 20_000;
server.requestTimeout = 60_000;
server.keepAliveTimeout = 5_000;
server.listen(config.port, config.host, () => {
  logger.info({ host: config.host, port: config.port, database: database.kind, mode: config.mode, demoIdp: demoIdp?.issuer, demoSmtp: demoSmtp?.url }, 'listening');
});

// The scheduled jobs in-process (the only way with PGlite; with PostgreSQL alongside `npm run jobs`, safely):
// every JOBS_INTERVAL_SECONDS, never two at once in this process (an advisory lock is re-entrant within
// PGlite's single session). At start only the dashboard's rollup is built (no mail goes out at start).
let jobsRunning = false;
function runJobsOnce(onlyStatistics = false) {
  if (jobsRunning) return;
  jobsRunning = true;
  const db = database.db;
  // Retention runs in runJobs; the rollup keeps the months before its horizon as counted, also at start.
  const retention = loadConfig().retention;
  const keepCountedBefore = cutoffs(retention, systemClock.now()).closedPlansBefore;
  (onlyStatistics ? refreshRollup(db, systemClock, { keepCountedBefore }).then((stats) => ({ skipped: false, reminders: 0, failed: 0, purged: 0, retention: null, stats })) : runJobs(db, systemClock, followUpReminderMail, { retention }))
    .then((r) => { if (!r.skipped && (r.reminders + r.failed + r.purged > 0 || r.stats?.full || Object.values(r.retention ?? {}).some((n) => n > 0))) logger.info(r, 'jobs'); })
    // The dashboard views asked for lately, computed again for the new rollup before anyone asks.
    .then(() => rewarmStats(db, systemClock))
    .catch((error: unknown) => logger.error({ err: { message: (error as Error).message } }, 'jobs failed'))
    .finally(() => { jobsRunning = false; });
}
const jobsTimer = config.jobsIntervalSeconds > 0 ? setInterval(() => runJobsOnce(), config.jobsIntervalSeconds * 1000) : undefined;
if (jobsTimer) setTimeout(() => runJobsOnce(true), 1000).unref();
jobsTimer?.unref();

// The mail outbox's sender, every OUTBOX_INTERVAL_SECONDS: mails queued by the actions (and any left by a
// crash or a mail server that was down) go out; one round at a time in this process, and other processes
// (`npm run jobs`, more instances) never take the same mail.
let outboxRound: Promise<void> | undefined;
function drainOutboxOnce() {
  if (outboxRound) return;
  outboxRound = drainOutbox(database.db, systemClock)
    .then((r) => { if (r.sent + r.retried + r.failed > 0) logger.info(r, 'mail outbox'); })
    .catch((error: unknown) => logger.warn({ err: { message: (error as Error).message } }, 'mail outbox round failed'))
    .finally(() => { outboxRound = undefined; });
}
const outboxTimer = config.outboxIntervalSeconds > 0 && mailEnabled() ? setInterval(drainOutboxOnce, config.outboxIntervalSeconds * 1000) : undefined;
outboxTimer?.unref();

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  if (jobsTimer) clearInterval(jobsTimer);
  if (outboxTimer) clearInterval(outboxTimer);
  // Finish the requests under way (at most 10 s), then close the database.
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  await Promise.race([Promise.all([closed, outboxRound]), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await closeDatabase().catch(() => undefined);
  await demoIdp?.close();
  await demoSmtp?.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
