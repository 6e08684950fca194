/**
 * The manager dashboard in the browser on invented data: axe in every language with JavaScript on and off
 * (right to left included), the chart draws (non-blank pixels) while the table stays, a bad period gets the
 * error pattern, the CSV is Excel-ready, and the print view has no charts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, contextWithoutSiteScripts } from '../support/browser.ts';
import { loggedInPage } from '../support/login.ts';
import { LOCALES, textDirection } from '../../src/shared/i18n/locales.ts';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';

const harness = useServerAndBrowser({ args: ['--demo-data', '--synthetic', '800'] });
let server: TestServer;
let browser: Browser;
let withJs: Page;
let withoutJs: Page;
const query = 'period=2026&breakdown=unit';

beforeAll(async () => {
  ({ server, browser } = harness());
  withJs = await loggedInPage(await browser.newContext(), server.url, 'staff', 'Lena Länsdotter');
  withoutJs = await loggedInPage(await contextWithoutSiteScripts(browser), server.url, 'staff', 'Lena Länsdotter');
  // The rollup is built by the jobs a moment after the start.
  for (let i = 0; i < 60; i++) {
    await withoutJs.goto(`${server.url}/sv/manager`);
    if (!(await withoutJs.locator('main').textContent())!.includes('har inte räknats')) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
}, 120_000);

describe('manager dashboard', () => {
  it.each(LOCALES)('is accessible in %s with JavaScript on and off', async (locale) => {
    for (const page of [withoutJs, withJs]) {
      await page.goto(`${server.url}/${locale}/manager?${query}`);
      expect(await page.locator('html').getAttribute('dir')).toBe(textDirection(locale));
      expect(await page.locator('table.stats-table').count()).toBe(9);
      if (page === withJs) {
        // Bring every chart into view so that each island hydrates and draws before axe looks.
        for (const anchor of await page.locator('.stats-chart__anchor').all()) await anchor.scrollIntoViewIfNeeded();
        await expect.poll(() => page.locator('canvas').count()).toBeGreaterThan(5);
      }
      expect(await axeViolations(page), `${locale} ${page === withJs ? 'js' : 'no js'}`).toEqual([]);
    }
  });

  it('draws the chart beside the table, which stays', async () => {
    const errors: string[] = [];
    withJs.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    withJs.on('pageerror', (e) => errors.push(e.message));
    await withJs.goto(`${server.url}/sv/manager?period=2026`);
    await withJs.locator('#table-goals').scrollIntoViewIfNeeded();
    const canvas = withJs.locator('section:has(#table-goals) canvas').first();
    await canvas.waitFor({ timeout: 15_000 }).catch(() => undefined);
    expect(errors).toEqual([]);
    await expect.poll(async () =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const ctx = c.getContext('2d');
        if (!ctx || c.width === 0) return 0;
        const data = ctx.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
        return painted;
      }), { timeout: 15_000 }).toBeGreaterThan(500);
    expect(await withJs.locator('#table-goals tbody tr').count()).toBeGreaterThan(0);
    const goals = await withJs.locator('#table-goals').textContent();
    expect(goals).toContain('Uppnått');
  });

  it('shows the figures as tables without JavaScript, with small counts hidden', async () => {
    await withoutJs.goto(`${server.url}/sv/manager?${query}`);
    expect(await withoutJs.locator('canvas').count()).toBe(0);
    const text = await withoutJs.locator('main').textContent();
    expect(text).toContain('Måluppfyllelse vid uppföljning');
    expect(text).not.toContain('Syntet');
  });

  it('gives a bad period the error pattern and keeps the choices', async () => {
    const response = await withoutJs.goto(`${server.url}/sv/manager?from=2026-06&to=2026-01&breakdown=age`);
    expect(response?.status()).toBe(400);
    expect(await withoutJs.title()).toMatch(/^Fel: /);
    expect(await withoutJs.locator('.error-summary').textContent()).toContain('Periodens början måste vara före dess slut');
    expect(await withoutJs.locator('#breakdown').inputValue()).toBe('age');
    expect(await axeViolations(withoutJs)).toEqual([]);
  });

  it('downloads a table as CSV for Excel and prints the whole report without charts', async () => {
    const sv = await withJs.request.get(`${server.url}/sv/manager/csv?period=2026&table=goals`);
    expect(sv.headers()['content-type']).toContain('text/csv');
    const body = await sv.text();
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body.split('\r\n')[0]).toContain(';');
    const en = await withJs.request.get(`${server.url}/en/manager/csv?period=2026&table=goals`);
    expect((await en.text()).split('\r\n')[0]).toContain(',');
    expect((await withJs.request.get(`${server.url}/sv/manager/csv?period=2026&table=nope`)).status()).toBe(404);
    await withJs.goto(`${server.url}/sv/manager?period=2026&view=print`);
    expect(await withJs.locator('table.stats-table').count()).toBe(9);
    expect(await withJs.locator('canvas').count()).toBe(0);
    expect(await withJs.locator('form.stats-filters').count()).toBe(0);
  });
});
