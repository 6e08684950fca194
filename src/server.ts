/**
 * The production server: opens and migrates the database before the HTTP server listens, so that a
 * locked PGlite folder, a bad setting or a failing migration stops the process at once with a clear
 * message; then serves the built app (dist/) on HOST:PORT — client files from memory, the rest through
 * Astro — and runs the scheduled jobs and the mail outbox in-process. `npm start` runs it as it is
 * (scripts/start.ts); the demo command adds its OpenID provider, SMTP catcher and data through the hooks
 * (scripts/demo.ts), so nothing of the demo is part of a production start.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ConfigError, checkServerConfig, loadConfig } from './shared/server/config.ts';
import { contentSecurityPolicy, loggedPath, refusedMethod, requestIdFrom, securityHeaders } from './shared/server/http.ts';
import { isCacheable, PageCache, sendCached } from './shared/server/page-cache.ts';
import { loadStaticAssets, sendAsset } from './shared/server/static-assets.ts';
import { Admission, admitRequest } from './shared/server/admission.ts';
import { overloadedPages } from './shared/server/overloaded.ts';
import { closeDatabase, getDatabase } from './shared/server/db.ts';
import { PgliteLockedError } from './shared/server/pglite-lock.ts';
import { logger } from './shared/server/logger.ts';
import { systemClock } from './shared/time/clock.ts';
import { refreshRollup } from './features/stats/rollup.service.ts';
import { rewarmStats } from './features/stats/stats.service.ts';
import { runJobs } from './features/follow-up/jobs.service.ts';
import { serverVault } from './features/feedback/vault.ts';
import { cutoffs } from './features/retention/retention.domain.ts';
import { followUpReminderMail } from './features/follow-up/reminder-mail.ts';
import { drainOutbox } from './shared/server/mail-outbox.ts';
import { mailEnabled } from './shared/server/mail.ts';

/** What a caller adds around the server (the demo command): data before it listens, more to stop after. */
export interface ServeHooks {
  prepare?: (db: Kysely<Database>) => Promise<void>;
  onStop?: () => Promise<void>;
  /** Logged with "listening". */
  info?: Record<string, unknown>;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** 405 before Astro: a method the path does not answer (TRACE could not even reach Astro without a 500). */
function refuseMethod(req: http.IncomingMessage, res: http.ServerResponse, path: string, allow: string, headers: Record<string, string>): void {
  const requestId = requestIdFrom((req.headers['x-request-id'] as string | undefined) ?? null);
  res.writeHead(405, { ...headers, Allow: allow, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8', 'X-Request-Id': requestId });
  res.end('Method Not Allowed\n');
  logger.info({ requestId, method: req.method, path: loggedPath(path), status: 405, ms: 0 }, 'request');
}

/** Starts the portal; resolves once it listens. Stops the process on SIGTERM/SIGINT after finishing what is under way. */
export async function serve(hooks: ServeHooks = {}): Promise<void> {

  let config;
  try {
    config = loadConfig();
    checkServerConfig(config);
    // SIP-kollen's key (not in loadConfig: only the server and the jobs read it): fail at start, not at the first answer.
    serverVault();
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
  await hooks.prepare?.(database.db);

  type AstroHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  const { handler } = (await import(new URL('../dist/server/entry.mjs', import.meta.url).href)) as { handler: AstroHandler };
  const assets = loadStaticAssets(fileURLToPath(new URL('../dist/client/', import.meta.url)));
  const assetHeaders = { ...securityHeaders(config.mode === 'production'), 'Content-Security-Policy': contentSecurityPolicy(null) };

  const pages = new PageCache();
  const admission = new Admission(config.admission.concurrent, config.admission.queued);
  const overloadedPage = overloadedPages(fileURLToPath(new URL('../locales/', import.meta.url)));

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const allow = refusedMethod(req.method ?? '', path);
    if (allow) return refuseMethod(req, res, path, allow, assetHeaders);
    const asset = req.method === 'GET' || req.method === 'HEAD' ? assets.get(path) : undefined;
    if (asset) return sendAsset(req, res, asset, assetHeaders);
    if (isCacheable(req)) {
      const cached = pages.get(path);
      if (cached) {
        const requestId = requestIdFrom(req.headers['x-request-id'] as string | undefined ?? null);
        sendCached(req, res, cached, requestId);
        logger.info({ requestId, method: req.method, path: loggedPath(path), status: cached.status, ms: 0, cached: true }, 'request');
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
  const listening = new Promise<void>((resolve) =>
    server.listen(config.port, config.host, () => {
      logger.info({ host: config.host, port: config.port, database: database.kind, mode: config.mode, ...hooks.info }, 'listening');
      resolve();
    }),
  );

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
    (onlyStatistics ? refreshRollup(db, systemClock, { keepCountedBefore }).then((stats) => ({ skipped: false, reminders: 0, failed: 0, purged: 0, released: 0, retention: null, stats })) : runJobs(db, systemClock, followUpReminderMail, { retention, feedback: serverVault() }))
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
    await hooks.onStop?.();
    process.exit(0);
  }
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await listening;
}
