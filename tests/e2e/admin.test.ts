/**
 * Administration in a browser with JavaScript off: an admin adds a principal, a unit and a staff
 * account with a unit membership, meeting the GOV.UK error pattern on the way; axe on every admin
 * page in every language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../support/browser.ts';
import { LOCALES } from '../../src/shared/i18n/locales.ts';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { chooseIdentity } from '../support/login.ts';

const harness = useServerAndBrowser({ args: ['--demo-data'] });
let server: TestServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  ({ server, browser } = harness());
  const context = await browser.newContext({ javaScriptEnabled: false });
  page = await context.newPage();
  await page.goto(`${server.url}/sv/login?return=${encodeURIComponent(`/sv/account`)}`);
  await chooseIdentity(page, 'staff', 'Adam Administratör');
  await page.waitForURL(`${server.url}/sv/account`);
});

describe('administration', () => {
  it('an empty form gets a focused error summary linking to each field, inline messages and "Fel:" in the title', async () => {
    await page.goto(`${server.url}/sv/admin/principals/new`);
    await page.getByLabel('Huvudmannens namn').fill('   ');
    await page.getByRole('button', { name: 'Lägg till huvudman' }).click();
    expect(await page.title()).toBe('Fel: Lägg till huvudman – SIP-portalen');
    const summary = page.locator('.error-summary');
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]))).toEqual([
      ['#name', 'Fyll i huvudmannens namn'],
      ['#kind', 'Välj vilken sorts huvudman det är'],
    ]);
    expect(await page.locator('#name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#name').getAttribute('aria-describedby')).toBe('name-error name-hint');
    expect(await page.locator('#name-error').textContent()).toBe('Fel: Fyll i huvudmannens namn');
  });

  it('keeps what was typed when one field is wrong, then creates the principal', async () => {
    await page.goto(`${server.url}/sv/admin/principals/new`);
    await page.getByLabel('Huvudmannens namn').fill('Exempelby kommun');
    await page.getByLabel('Region', { exact: true }).check();
    await page.getByRole('button', { name: 'Lägg till huvudman' }).click();
    expect(await page.locator('.error-summary a').textContent()).toBe('Det finns redan en huvudman med det namnet');
    expect(await page.getByLabel('Huvudmannens namn').inputValue()).toBe('Exempelby kommun');
    expect(await page.getByLabel('Region', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Huvudmannens namn').fill('Region Norrexempel');
    await page.getByRole('button', { name: 'Lägg till huvudman' }).click();
    await page.waitForURL(`${server.url}/sv/admin?done=principalCreated`);
    expect(await page.getByRole('status').textContent()).toContain('Huvudmannen är tillagd.');
    expect(await page.getByRole('heading', { name: /Region Norrexempel/ }).count()).toBe(1);
  });

  it('adds a unit to the new principal, and a staff account who belongs to it', async () => {
    // The principal's name sits in invisible isolates inside the sentence (bidi safety).
    await page.getByRole('link', { name: /^Lägg till enhet hos \u2068?Region Norrexempel\u2069?$/ }).click();
    await page.getByLabel('Enhetens namn').fill('Rehabilitering');
    await page.getByRole('button', { name: 'Lägg till enhet' }).click();
    await page.waitForURL(/done=unitCreated/);

    await page.getByRole('link', { name: 'Lägg till konto' }).click();
    await page.getByLabel('För- och efternamn').fill('Nils Norrman');
    await page.getByLabel('HSA-id').fill('12345');
    await page.getByRole('button', { name: 'Lägg till konto' }).click();
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#hsaId');
    expect(await page.getByLabel('För- och efternamn').inputValue()).toBe('Nils Norrman');
    await page.getByLabel('HSA-id').fill('se2321000099-nn1');
    await page.getByLabel('Kan vara samordnare').check();
    await page.getByRole('button', { name: 'Lägg till konto' }).click();
    await page.waitForURL(/\/sv\/admin\/staff\/[0-9a-f-]{36}\?done=staffCreated$/);
    expect(await page.getByLabel('HSA-id').inputValue()).toBe('SE2321000099-NN1');

    await page.getByRole('button', { name: 'Lägg till enheten' }).click();
    expect(await page.locator('.error-summary a').textContent()).toBe('Välj en enhet');
    await page.getByLabel('Enhet', { exact: true }).selectOption({ label: 'Rehabilitering' });
    await page.getByRole('button', { name: 'Lägg till enheten' }).click();
    await page.waitForURL(/done=addMembership$/);
    expect(await page.locator('table').textContent()).toContain('Rehabilitering');
    expect(await page.locator('table').textContent()).toContain('Region Norrexempel');
  });

  describe('every admin page has no axe violations', () => {
    let page: Page;
    let staffId = '';
    beforeAll(async () => {
      // axe runs inside the page: this part needs JavaScript.
      page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}/sv/login?return=${encodeURIComponent(`/sv/account`)}`);
      await chooseIdentity(page, 'staff', 'Adam Administratör');
      await page.waitForURL(`${server.url}/sv/account`);
      await page.goto(`${server.url}/sv/admin`);
      staffId = (await page.locator('a[href*="/admin/staff/"]').first().getAttribute('href'))!.split('/').pop()!;
    });

    // One case per language, so no case runs near its timeout on a busy machine.
    it.each(LOCALES)('in %s, and a form with errors', async (locale) => {
      for (const path of ['/admin', '/admin/principals/new', '/admin/units/new', '/admin/staff/new', `/admin/staff/${staffId}`, '/admin/api-clients']) {
        await page.goto(`${server.url}/${locale}${path}`);
        expect(await axeViolations(page), `${locale}${path}`).toEqual([]);
      }
      await page.goto(`${server.url}/${locale}/admin/staff/new`);
      await page.locator('main button[type=submit]').click();
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await axeViolations(page), `${locale} errors`).toEqual([]);
    });
  });
});
