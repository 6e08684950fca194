/**
 * Axe on every page of the citizen journey in every language (right to left included), with a
 * guardian's draft so that every step shows all its parts, and the error state of a step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../support/browser.ts';
import { LOCALES, textDirection } from '../../src/shared/i18n/locales.ts';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { answerSteps, citizenPage, submitStep } from '../support/request-journey.ts';

const harness = useServerAndBrowser({ args: ['--demo-data'] });
let server: TestServer;
let browser: Browser;
let page: Page;
let requestPath: string;

beforeAll(async () => {
  ({ server, browser } = harness());
  page = await citizenPage(browser, server.url, 'Cecilia Provsdotter', 'sv', true);
  // One request sent (for the "my" pages), and a second draft filled in to the check page.
  for (const send of [true, false]) {
    await page.goto(`${server.url}/sv/request/who`);
    await page.getByLabel('Mitt barn').check();
    await page.getByLabel(/^Dani Provsdotter, 12 år$/).check();
    await submitStep(page);
    await answerSteps(page);
    await page.getByLabel('Jag har läst texten och samtycker').check();
    await submitStep(page);
    await page.waitForURL(/\/request\/check$/);
    if (send) {
      await submitStep(page);
      await page.waitForURL(/\?sent=1$/);
      requestPath = new URL(page.url()).pathname.replace(/^\/sv/, '');
    }
  }
});

const STEP_PAGES = ['/request', '/request/manual', '/request/paper', '/request/who', '/request/contacts', '/request/situation', '/request/principals', '/request/coordinator', '/request/meeting', '/request/consent', '/request/check'];

describe('the citizen journey is accessible', () => {
  it.each(LOCALES)('every request step and "my" page in %s', async (locale) => {
    const consentsPage = `/${locale}/my/consents`;
    for (const path of [...STEP_PAGES, '/my', requestPath, '/my/consents', '/my/sharing']) {
      await page.goto(`${server.url}/${locale}${path}`);
      expect(await page.locator('html').getAttribute('dir'), path).toBe(textDirection(locale));
      expect(await axeViolations(page), `${locale}${path}`).toEqual([]);
    }
    await page.goto(`${server.url}${consentsPage}`);
    await page.locator('main table a').first().click();
    expect(await axeViolations(page), `${locale} consent`).toEqual([]);
    // A step with errors: the summary, inline messages and the "Fel:" title.
    await page.goto(`${server.url}/${locale}/request/situation`);
    await page.locator('#experience').fill('');
    await submitStep(page);
    expect(await page.locator('.error-summary').count()).toBe(1);
    expect(await axeViolations(page), `${locale} errors`).toEqual([]);
  });
});
