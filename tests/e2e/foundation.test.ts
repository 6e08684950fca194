/**
 * The foundation as a person meets it: languages and direction, the language selector without
 * JavaScript, error pages with their status codes, security headers, small screens and print.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LOCALES, LOCALE_NAMES, languageTag, textDirection } from '../../src/shared/i18n/locales.ts';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { testDatabaseUrl } from '../support/db.ts';
import { spawnSync } from 'node:child_process';

  // --demo-data loads rows into the first tables: it can only succeed if start-up migrated the empty database.
const harness = useServerAndBrowser({ args: ['--demo-data'] });
let server: TestServer;
let browser: Browser;
beforeAll(() => {
  ({ server, browser } = harness());
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

describe('languages', () => {
  it.each([
    ['fa-IR,fa;q=0.9', '/fa/'],
    ['ar', '/ar/'],
    ['en-US,en;q=0.9', '/en/'],
    ['xx-YY', '/sv/'],
    ['%%%;q=bad', '/sv/'],
  ])('/ with Accept-Language %j redirects to %s', async (header, target) => {
    const res = await get('/', { 'Accept-Language': header });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(target);
    expect(res.headers.get('vary')).toMatch(/Accept-Language/i);
  });

  it.each(LOCALES)('%s renders with the right lang and dir', async (locale) => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/${locale}/`);
    expect(await page.getAttribute('html', 'lang')).toBe(languageTag(locale));
    expect(await page.getAttribute('html', 'dir')).toBe(textDirection(locale));
    expect(await page.title()).toMatch(/ – SIP-portalen$/);
    await page.close();
  });

  it('an unknown language segment answers 404 with a link to every language', async () => {
    const res = await get('/xx/what-is-sip');
    expect(res.status).toBe(404);
    const html = await res.text();
    for (const l of LOCALES) expect(html).toContain(`href="/${l}/"`);
  });

  it('the language selector works without JavaScript and keeps the page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/sv/privacy`);
    const link = page.locator('.language-select a[hreflang="ar"]');
    expect(await link.textContent()).toContain(LOCALE_NAMES.ar);
    expect(await link.getAttribute('lang')).toBe('ar');
    await link.click();
    await page.waitForURL(`${server.url}/ar/privacy`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.locator('.language-select a[hreflang="so"]').click();
    await page.waitForURL(`${server.url}/so/privacy`);
    expect(await page.getAttribute('html', 'lang')).toBe('so');
    await context.close();
  });

  it('the skip link is the first thing the keyboard reaches and moves focus to main', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/en/what-is-sip`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    // The fragment navigation is asynchronous: on a busy machine the URL changes a moment later.
    await page.waitForURL(/#main$/);
    expect(await page.evaluate(() => document.activeElement?.id || document.activeElement?.closest('main')?.id)).toBe('main');
    await page.close();
  });
});

describe('errors', () => {
  it('a thrown error gives the localized 500 page with status 500 and no internals', async () => {
    const res = await get('/en/test-routes/throw');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('lang="en"');
    expect(html).toContain('Something went wrong');
    expect(html).not.toContain('Deliberate test failure');
    expect(html).not.toMatch(/at \S+ \(|\.ts:\d+/);
  });

  it('a lost database connection gives the localized 503 page with Retry-After', async () => {
    const res = await get('/so/test-routes/throw?kind=database');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    const html = await res.text();
    expect(html).toContain('lang="so"');
    expect(html).not.toContain('Deliberate test outage');
  });

  it('a body over the limit gets a localized 413 page', async () => {
    const res = await fetch(`${server.url}/fi/`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a'.repeat(1_200_000),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('lang="fi"');
  });

  it('a POST with a forged Origin is refused', async () => {
    const res = await fetch(`${server.url}/sv/`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(res.status).toBe(403);
  });
});

describe('operations and headers', () => {
  it('/healthz answers ok when the database answers', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('every page carries a strict CSP, frame-ancestors none, nosniff and a request id', async () => {
    for (const path of ['/sv/', '/healthz', '/xx/']) {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    }
    expect((await get('/sv/')).headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('makes no third-party requests', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) foreign.push(r.url());
    });
    for (const l of LOCALES) await page.goto(`${server.url}/${l}/what-is-sip`);
    expect(foreign).toEqual([]);
    await page.close();
  });
});

describe('start-up', () => {
  it.skipIf(!!testDatabaseUrl)('a second process on the same PGlite folder refuses to start, with a clear message', async () => {
    const second = spawnSync(process.execPath, ['scripts/start.ts'], {
      env: { ...process.env, PGLITE_DIR: server.pgliteDir, PORT: '1', DATABASE_URL: '', SIP_MODE: 'demo' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/in use by another SIP-portalen process/);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('migrated the empty database at start (the demo data, which needs the tables, loaded)', async () => {
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/Migration failed|Could not open|relation .* does not exist/);
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('layout', () => {
  it.each(['sv', 'ar'] as const)('%s is usable at 320 px without horizontal scrolling', async (locale) => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const path of ['/', '/what-is-sip', '/privacy']) {
      await page.goto(`${server.url}/${locale}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.close();
  });

  it('prints without navigation and language selector', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sv/what-is-sip`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('.language-select').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    await page.close();
  });
});
