/**
 * axe (WCAG 2.2 A/AA) over every route × every language, with JavaScript on or with the site's
 * scripts blocked: zero violations. The error pages are swept too. sweep-js-on/off.test.ts call this,
 * one file each so the two halves can run in parallel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { LOCALES } from '../../src/shared/i18n/locales.ts';
import { axeViolations, contextWithoutSiteScripts, launchBrowser } from '../support/browser.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { PUBLIC_ROUTES } from '../support/routes.ts';

const ERROR_ROUTES = [
  ['/no-such-page', 404],
  ['/too-large', 413],
  ['/too-many-requests', 429],
  ['/unavailable', 503],
  ['/test-routes/throw', 500],
] as const;
const LOGIN_ROUTES = [
  ['/login', 200],
  ['/login?error=failed', 200],
  ['/no-account', 200],
  ['/protected-identity', 200],
] as const;
const ROUTES: (readonly [string, number])[] = [...PUBLIC_ROUTES.map((r) => [r, 200] as const), ...LOGIN_ROUTES, ...ERROR_ROUTES];

export function sweep(js: 'on' | 'off'): void {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = js === 'on' ? await browser.newContext() : await contextWithoutSiteScripts(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe(`JavaScript ${js}`, () => {
    describe.each(LOCALES)('%s', (locale) => {
      it.each(ROUTES)('%s has no axe violations', async (route, status) => {
        const page = await context.newPage();
        try {
          const response = await page.goto(`${server.url}/${locale}${route}`);
          expect(response?.status()).toBe(status);
          expect(await axeViolations(page)).toEqual([]);
        } finally {
          await page.close();
        }
      });
    });
  });
}
