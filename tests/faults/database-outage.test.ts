/**
 * PostgreSQL goes away during traffic and comes back. The portal reaches PostgreSQL through a TCP proxy
 * that the test cuts (every connection closed, new ones refused — what a database restart looks like
 * from the portal) and restores: the shared test cluster is never restarted, so other test files and
 * helpers keep using it. While it is down, pages and form posts get the 503 page in the request's
 * language (never a 500) and /healthz says so; once it is back the same process serves again by itself.
 * PostgreSQL only (skipped without TEST_DATABASE_URL): an embedded PGlite cannot be cut off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { sessionFor } from '../support/login.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { formClient, type FormClient } from '../support/form-client.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { testDatabaseUrl } from '../support/db.ts';

const LOCALES = ['sv', 'ar', 'fi', 'so'] as const;
let proxy: TcpProxy;
let server: TestServer;
let anna: FormClient;

describe.skipIf(!testDatabaseUrl)('PostgreSQL down during traffic', () => {
  beforeAll(async () => {
    const target = new URL(testDatabaseUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startServer({
      args: ['--demo-data'],
      env: { JOBS_INTERVAL_SECONDS: '0' },
      mapDatabaseUrl: (url) => {
        const through = new URL(url);
        through.hostname = '127.0.0.1';
        through.port = String(proxy.port);
        return through.toString();
      },
    });
    const browser = await launchBrowser();
    try {
      anna = formClient(server.url, await sessionFor(browser, server.url, 'citizen', 'Anna Exempelsson'));
    } finally {
      await browser.close();
    }
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  /** Logged-in pages in several languages, round after round, until `stop()` says so; each answer recorded. */
  function traffic() {
    const seen: { at: number; end: number; locale: string; status: number; html: string }[] = [];
    let running = true;
    const workers = LOCALES.map(async (locale) => {
      while (running) {
        const started = Date.now();
        const res = await anna.get(`/${locale}/my`).catch(() => ({ status: 0, html: '' }));
        seen.push({ at: started, end: Date.now(), locale, ...res });
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    return { seen, stop: async () => { running = false; await Promise.all(workers); } };
  }

  it('while it is down: the localized 503 page, never a 500; back: the same process serves again without a restart', async () => {
    const pid = server.process.pid;
    const run = traffic();
    await new Promise((r) => setTimeout(r, 1_000));
    const cutAt = Date.now();
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 3_000));

    // A form post and the health check while it is down.
    const post = await anna.post('/ar/request/who', [['submittedAs', 'self'], ['intent', 'continue']]);
    expect(post.status).toBe(503);
    expect(post.html).toContain('lang="ar"');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);

    const restoredAt = Date.now();
    await proxy.restore();
    // Recovery by itself: wait until every language answers 200 again.
    const until = Date.now() + 20_000;
    let back = false;
    while (!back && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      back = LOCALES.every((l) => run.seen.some((s) => s.locale === l && s.at > restoredAt && s.status === 200));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    await run.stop();
    expect(back).toBe(true);
    expect(server.process.pid).toBe(pid);
    expect(server.process.exitCode).toBeNull();

    const before = run.seen.filter((s) => s.end < cutAt);
    // Wholly inside the outage: a request sent just before the restore may be served just after it (200),
    // as one in a busy full run was.
    const down = run.seen.filter((s) => s.at > cutAt + 500 && s.end < restoredAt);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((s) => s.status === 200)).toBe(true);
    expect(down.length).toBeGreaterThan(LOCALES.length);
    // Never a 500 (nor a dropped connection): a 503 in the language asked for, with Retry-After's page.
    expect([...new Set(run.seen.map((s) => s.status))].sort()).toEqual([200, 503]);
    for (const s of down) {
      expect(s.status, `${s.locale} while down`).toBe(503);
      expect(s.html).toContain(`lang="${s.locale}"`);
    }
    expect(down.find((s) => s.locale === 'ar')!.html).toContain('dir="rtl"');
    // Once back, everything answers again.
    const last = run.seen.filter((s) => s.at > Date.now() - 800);
    expect(last.every((s) => s.status === 200)).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
