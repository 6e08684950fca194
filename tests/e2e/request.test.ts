/**
 * The citizen journey with JavaScript off: request a SIP (Swedish and Arabic), a guardian for a child
 * of 16 (the child and the other guardian consent on their own pages), protected identity storing
 * nothing, withdrawing consent, sharing with a relative and revoking it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { waitForFiles } from '../support/files.ts';
import { plainText } from '../support/browser.ts';
import { answerSteps, citizenPage, submitStep } from '../support/request-journey.ts';
import { DEMO_CITIZENS } from '../../db/seed/demo-identities.ts';

const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-mail-'));
const harness = useServerAndBrowser({ args: ['--demo-data'], env: { MAIL_DIR: mailDir } });
let server: TestServer;
let browser: Browser;
beforeAll(() => {
  ({ server, browser } = harness());
});

const loggedIn = (name: string, locale = 'sv') => citizenPage(browser, server.url, name, locale);
const counts = async () => (await (await fetch(`${server.url}/sv/test-routes/counts`)).json()) as Record<string, number>;
const submit = submitStep;

describe('requesting a SIP', () => {
  it('a person requests a SIP for themselves in Swedish, meeting errors on the way, and gets a receipt', async () => {
    const page = await loggedIn('Anna Exempelsson');
    await page.goto(`${server.url}/sv/request`);
    await page.getByRole('button', { name: 'Börja' }).click();
    expect(await page.title()).toMatch(/^Fel: Begär en SIP/);
    await page.getByLabel('Nej').check();
    await page.getByRole('button', { name: 'Börja' }).click();
    await page.waitForURL(/\/request\/who$/);
    await submit(page);
    expect(await page.locator('.error-summary a').first().getAttribute('href')).toBe('#submittedAs');
    await page.getByLabel('Mig själv').check();
    await submit(page);
    await answerSteps(page);
    await submit(page);
    expect(await page.locator('.error-summary a').textContent()).toContain('Kryssa i rutan om du samtycker');
    await page.getByLabel('Jag har läst texten och samtycker').check();
    await page.getByLabel('Mejladress för kvitto (frivilligt)').fill('anna@exempel.se');
    await submit(page);
    await page.waitForURL(/\/request\/check$/);
    expect(plainText(await page.locator('main dl').textContent())).toContain('Karin Kommunsson, Socialtjänst vuxen');
    // Change an answer from the check page and come back to it.
    await page.getByRole('link', { name: /Ändra Hur skulle du vilja att det var/ }).click();
    await page.getByLabel('Hur skulle du vilja att det var?').fill('Lugnare, med en kontakt.');
    await submit(page);
    await page.waitForURL(/\/request\/check$/);
    expect(await page.locator('main dl').textContent()).toContain('Lugnare, med en kontakt.');
    await page.getByRole('button', { name: 'Skicka begäran' }).click();
    await page.waitForURL(/\/sv\/my\/requests\/[0-9a-f-]{36}\?sent=1$/);
    const reference = /SIP-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await page.getByRole('status').textContent())!)![0];
    // The receipt: the reference and what happens next, nothing of what the person wrote.
    const [mail] = (await waitForFiles(mailDir)).map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8'));
    expect(mail).toContain('To: anna@exempel.se');
    expect(mail).toContain(reference);
    expect(mail).not.toContain('Många kontakter');
    expect(await page.locator('main').textContent()).toContain('Skickad');
    // No personnummer in the URL (record ids are UUIDs, whose hex may hold runs of digits: left out).
    const anna = DEMO_CITIZENS.find((c) => c.sub === 'demo-anna')!.personalIdentityNumber;
    const withoutIds = page.url().replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '');
    expect(withoutIds).not.toContain(anna.slice(2, 8));
    expect(withoutIds).not.toMatch(/\d{6}/);
    await page.goto(`${server.url}/sv/my`);
    expect(await page.locator('main table').textContent()).toContain('Anna Exempelsson');
    await page.context().close();
  });

  it('a person requests a SIP in Arabic, right to left, with the messages in Arabic', async () => {
    const page = await loggedIn('Bengt Exempelsson', 'ar');
    await page.goto(`${server.url}/ar/request/who`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await submit(page);
    expect(await page.title()).toMatch(/^خطأ:/);
    await page.check('#submittedAs');
    await submit(page);
    await page.waitForURL(/\/ar\/request\/contacts$/);
    await submit(page);
    await page.fill('#experience', 'أحتاج إلى مساعدة في التنسيق.');
    await page.fill('#needs', 'خطة واحدة.');
    await page.fill('#wishes', 'شخص واحد للتواصل.');
    await submit(page);
    await page.waitForURL(/\/ar\/request\/principals$/);
    await page.check('#principalIds');
    await submit(page);
    await page.check('#coordinatorChoice');
    await submit(page);
    await page.check('#place');
    await page.check('#participation');
    await page.fill('#interpreterLanguage', 'العربية');
    await submit(page);
    await page.waitForURL(/\/ar\/request\/consent$/);
    await page.check('#agreed');
    await submit(page);
    await page.waitForURL(/\/ar\/request\/check$/);
    expect(await page.locator('main dl').textContent()).toContain('أحتاج إلى مساعدة في التنسيق.');
    await submit(page);
    await page.waitForURL(/\/ar\/my\/requests\/[0-9a-f-]{36}\?sent=1$/);
    expect(await page.getByRole('status').textContent()).toMatch(/SIP-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    await page.context().close();
  });

  it('protected identity: a "yes" leads to the manual route and stores nothing', async () => {
    const before = await counts();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/sv/request`);
    await page.getByLabel('Ja').check();
    await page.getByRole('button', { name: 'Börja' }).click();
    await page.waitForURL(`${server.url}/sv/request/manual`);
    await page.getByRole('link', { name: /Skriv ut en tom blankett/ }).click();
    expect(await page.locator('h1').textContent()).toContain('blankett');
    expect(await counts()).toEqual(before);
    expect((await context.cookies()).map((c) => c.name)).toEqual([]);
    await context.close();
  });
});

describe('a guardian for a child of 16', () => {
  let requestUrl: string;

  it('the request waits for the child and the other guardian', async () => {
    const page = await loggedIn('Cecilia Provsdotter');
    await page.goto(`${server.url}/sv/request/who`);
    await page.getByLabel('Mitt barn').check();
    await page.getByLabel(/^Elin Provsdotter, 16 år$/).check();
    await submit(page);
    await answerSteps(page);
    await page.getByLabel('Jag har läst texten och samtycker').check();
    await submit(page);
    await page.getByRole('button', { name: 'Skicka begäran' }).click();
    await page.waitForURL(/\?sent=1$/);
    requestUrl = page.url().replace('?sent=1', '');
    expect(await page.getByRole('status').textContent()).toContain('väntar på samtycke');
    const consents = await page.locator('main ul').first().textContent();
    expect(consents).toContain('Cecilia Provsdotter, vårdnadshavare: har samtyckt');
    expect(consents).toContain('Gustav Provsson, vårdnadshavare: har inte svarat än');
    expect(consents).toContain('Elin Provsdotter själv: har inte svarat än');
    await page.context().close();
  });

  it('Elin and Gustav each consent on their own page; then the request is sent', async () => {
    for (const name of ['Elin Provsdotter', 'Gustav Provsson']) {
      const page = await loggedIn(name);
      await page.goto(`${server.url}/sv/my`);
      await page.locator('main .notice a').first().click();
      // The consent task names who asked (Cecilia), not only whom it is about.
      expect(await page.locator('section[aria-labelledby="answer-consent"]').textContent()).toContain('Cecilia Provsdotter');
      await page.getByRole('button', { name: 'Jag samtycker', exact: true }).click();
      expect(await page.locator('.error-summary').count()).toBe(1);
      await page.getByLabel('Jag har läst texten och samtycker').check();
      await page.getByRole('button', { name: 'Jag samtycker', exact: true }).click();
      await page.waitForURL(/\?answered=/);
      await page.context().close();
    }
    const page = await loggedIn('Cecilia Provsdotter');
    await page.goto(requestUrl.replace(/^.*\/sv\//, `${server.url}/sv/`));
    expect(await page.locator('main dl').first().textContent()).toContain('Skickad');
    await page.context().close();
  });
});

describe('consent and sharing', () => {
  it('a person shares with a relative, who reads the request; after revoking, the relative gets 404', async () => {
    const bengt = DEMO_CITIZENS.find((c) => c.sub === 'demo-bengt')!;
    const anna = await loggedIn('Anna Exempelsson');
    await anna.goto(`${server.url}/sv/my`);
    const requestPath = await anna.locator('main table a').first().getAttribute('href');
    await anna.goto(`${server.url}/sv/my/sharing`);
    await anna.getByLabel('Förnamn').fill('Bengt');
    await anna.getByLabel('Efternamn').fill('Exempelsson');
    await anna.getByLabel('Personnummer').fill(`${bengt.personalIdentityNumber.slice(0, 8)}-${bengt.personalIdentityNumber.slice(8)}`);
    await anna.getByRole('button', { name: 'Dela', exact: true }).click();
    await anna.waitForURL(/done=granted/);

    const relative = await loggedIn('Bengt Exempelsson');
    await relative.goto(`${server.url}${requestPath}`);
    expect(await relative.locator('h1').textContent()).toMatch(/^Begäran SIP-/);
    expect(await relative.locator('main').textContent()).toContain('Många kontakter');

    await anna.getByRole('button', { name: /Ta bort Bengt Exempelsson/ }).click();
    await anna.waitForURL(/done=revoked/);
    const res = await relative.goto(`${server.url}${requestPath}`);
    expect(res!.status()).toBe(404);

    // Anna sees in her log that Bengt read her request.
    await anna.goto(`${server.url}/sv/account/access-log`);
    expect(await anna.locator('main table').textContent()).toMatch(/Bengt Exempelsson\s*Läste en begäran om SIP/);
    await relative.context().close();
    await anna.context().close();
  });

  it('withdrawing consent closes the request and stops all sharing', async () => {
    const page = await loggedIn('Anna Exempelsson');
    await page.goto(`${server.url}/sv/my/consents`);
    await page.locator('main table a').first().click();
    await page.getByRole('button', { name: 'Ta tillbaka samtycket' }).click();
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#confirm');
    await page.getByLabel('Jag förstår att planen avslutas').check();
    await page.getByRole('button', { name: 'Ta tillbaka samtycket' }).click();
    await page.waitForURL(/withdrawn=1/);
    await page.goto(`${server.url}/sv/my`);
    expect(await page.locator('main table').textContent()).toContain('Avslutad');
    await page.context().close();
  });
});
