/**
 * Follow-up, deviations and SIP-kollen in the browser with JavaScript off, on the demo's plan in force
 * (SIP-DEMO-0003, Olle, a follow-up meeting that started today), the site's scripts blocked: axe on every new page in every language
 * (right to left included), then staff record the follow-up with the person's view, Olle answers SIP-kollen
 * in Somali and reports a deviation, the deviation handler answers and Olle reads the answer.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, contextWithoutSiteScripts } from '../support/browser.ts';
import { inDays, loggedInPage } from '../support/login.ts';
import { LOCALES, textDirection } from '../../src/shared/i18n/locales.ts';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';

const harness = useServerAndBrowser({ args: ['--demo-data'] });
let server: TestServer;
let browser: Browser;
let rasmus: Page;
let olle: Page;
let planId = '';
let surveyPath = '';
const somali = JSON.parse(fs.readFileSync('locales/so/feedback.json', 'utf8')) as { title: string; submit: string; used: string; thanks: { title: string } };

/** JavaScript off for the site (its scripts are blocked) while axe can still run in the page. */
const withoutScripts = async (kind: 'citizen' | 'staff', name: string) => loggedInPage(await contextWithoutSiteScripts(browser), server.url, kind, name);

beforeAll(async () => {
  ({ server, browser } = harness());
  rasmus = await withoutScripts('staff', 'Rasmus Regionsson');
  await rasmus.goto(`${server.url}/sv/staff`);
  const href = await rasmus.getByRole('link', { name: 'SIP-DEMO-0003' }).getAttribute('href');
  planId = href!.split('/').pop()!;
  olle = await withoutScripts('citizen', 'Olle Uppföljare');
});

describe('follow-up, deviations and SIP-kollen', () => {
  it.each(LOCALES)('every new page is accessible in %s', async (locale) => {
    const staffPaths = [`/staff/plans/${planId}`, `/staff/plans/${planId}/follow-up`, `/staff/plans/${planId}/close`, `/staff/plans/${planId}/deviation`, `/staff/plans/${planId}/prepare`];
    for (const path of staffPaths) {
      await rasmus.goto(`${server.url}/${locale}${path}`);
      expect(await rasmus.locator('html').getAttribute('dir'), path).toBe(textDirection(locale));
      expect(await axeViolations(rasmus), `${locale}${path}`).toEqual([]);
    }
    // The follow-up form with errors (nothing chosen).
    await rasmus.goto(`${server.url}/${locale}/staff/plans/${planId}/follow-up`);
    await rasmus.locator('main button[value="record"]').click();
    expect(await rasmus.locator('.error-summary').count()).toBe(1);
    expect(await axeViolations(rasmus), `${locale} follow-up errors`).toEqual([]);
    for (const path of ['/my', `/my/plans/${planId}`, `/my/plans/${planId}/deviation`]) {
      await olle.goto(`${server.url}/${locale}${path}`);
      expect(await axeViolations(olle), `${locale}${path}`).toEqual([]);
    }
    await olle.goto(`${server.url}/${locale}/my/plans/${planId}/deviation`);
    await olle.locator('main button[type="submit"]').click();
    expect(await olle.locator('.error-summary').count()).toBe(1);
    expect(await axeViolations(olle), `${locale} deviation errors`).toEqual([]);
    await olle.goto(`${server.url}/${locale}/sip-kollen/${'a'.repeat(32)}`);
    expect(await axeViolations(olle), `${locale} sip-kollen unknown`).toEqual([]);
  });

  it('staff record the follow-up: errors first, what was chosen kept, then the decision', async () => {
    await rasmus.goto(`${server.url}/sv/staff/plans/${planId}`);
    await rasmus.getByRole('link', { name: 'För in uppföljningen' }).click();
    await rasmus.locator('#assessments-0-staffValue-partlyMet').check();
    await rasmus.getByRole('button', { name: 'Spara beslutet' }).click();
    expect(await rasmus.title()).toMatch(/^Fel: /);
    const summary = await rasmus.locator('.error-summary').textContent();
    expect(summary).toContain('Mål 2: välj er bedömning');
    expect(summary).toContain('Välj vad ni bestämde');
    expect(await rasmus.locator('#assessments-0-staffValue-partlyMet').isChecked()).toBe(true);
    for (const i of [1, 2]) await rasmus.locator(`#assessments-${i}-staffValue`).check();
    await rasmus.locator('#assessments-0-personValue').check();
    await rasmus.locator('#assessments-0-personComment').fill('Påminnelserna hjälper mig.');
    for (const radio of await rasmus.locator('main input[name^="attendance."][value="yes"]').all()) await radio.check();
    await rasmus.locator('#decision').check();
    await rasmus.getByLabel('Datum för nästa uppföljning').fill(inDays(90));
    await rasmus.getByRole('button', { name: 'Spara beslutet' }).click();
    await rasmus.waitForURL(/done=followUp-continue$/);
    const main = await rasmus.locator('main').textContent();
    expect(main).toContain('Delvis uppnått');
    expect(main).toContain('Påminnelserna hjälper mig.');
    // The result reads as a word with a shape beside it (hidden from assistive technology), not as border glyphs.
    const partly = rasmus.locator('.follow-ups .goal-value--partlyMet').first();
    expect(await partly.textContent()).toContain('Delvis uppnått');
    expect(await partly.locator('svg[aria-hidden="true"] path').count()).toBe(1);
    expect(await partly.evaluate((e) => getComputedStyle(e).borderInlineStartStyle)).toBe('none');
  });

  it('Olle reads the assessments, answers SIP-kollen in Somali once, and reports a deviation', async () => {
    await olle.goto(`${server.url}/sv/my/plans/${planId}`);
    expect(await olle.locator('main').textContent()).toContain('Påminnelserna hjälper mig.');
    await olle.goto(`${server.url}/so/my`);
    const link = olle.locator('#surveys').locator('..').locator('a').first();
    surveyPath = new URL(await link.getAttribute('href') ?? '', server.url).pathname;
    for (const locale of LOCALES) {
      await olle.goto(`${server.url}${surveyPath.replace(/^\/so\//, `/${locale}/`)}`);
      expect(await axeViolations(olle), `${locale} survey`).toEqual([]);
    }
    await olle.goto(`${server.url}/so/my`);
    await link.click();
    expect(await olle.locator('h1').textContent()).toBe(somali.title);
    await olle.locator('#informed-4').check();
    await olle.locator('main input[name="meaningful"][value="dontKnow"]').check();
    await olle.locator('#mattersMost').fill('In la i dhegeysto');
    await olle.getByRole('button', { name: somali.submit }).click();
    await olle.waitForURL(/thanks=1$/);
    expect(await olle.locator('h1').textContent()).toBe(somali.thanks.title);
    // Once answered, the page says so (the invitation stays until it expires: deleting it told a database
    // administrator who had answered, issue 18; before, this was a 404).
    const again = await olle.goto(`${server.url}${surveyPath}`);
    expect(again?.status()).toBe(200);
    expect(await olle.locator('main').textContent()).toContain(somali.used);
    expect(await olle.locator('main form').count()).toBe(0);

    await olle.goto(`${server.url}/sv/my/plans/${planId}/deviation`);
    await olle.getByLabel('Något i min plan blev inte gjort').check();
    await olle.getByLabel('Jag vet inte').check();
    await olle.getByLabel('Berätta vad som hände').fill('Jag fick ingen påminnelse före min tid i december.');
    await olle.getByRole('button', { name: 'Skicka' }).click();
    await olle.waitForURL(/done=deviation/);
    expect(await olle.locator('#deviations').locator('..').textContent()).toContain('Anmäld');
  });

  it('the deviation handler investigates and answers; Olle reads the answer', async () => {
    const dora = await withoutScripts('staff', 'Dora Avvikelsesson');
    await dora.goto(`${server.url}/sv/staff`);
    await dora.getByRole('link', { name: 'Avvikelser att handlägga' }).click();
    expect(await dora.locator('main').textContent()).not.toContain('Olle');
    await dora.getByRole('link', { name: 'SIP-DEMO-0003' }).click();
    expect(await dora.locator('main').textContent()).toContain('Olle Uppföljare');
    expect(await axeViolations(dora)).toEqual([]);
    await dora.getByLabel('Avsluta med svaret').check();
    await dora.getByRole('button', { name: 'Spara' }).click();
    expect(await dora.locator('.error-summary').textContent()).toContain('Skriv ett svar till den som anmälde');
    await dora.getByLabel('Svar till den som anmälde').fill('Påminnelsen skickades inte. Nu är det rättat.');
    await dora.getByRole('button', { name: 'Spara' }).click();
    await dora.waitForURL(/done=closed$/);
    await olle.goto(`${server.url}/sv/my/plans/${planId}`);
    expect(await olle.locator('main').textContent()).toContain('Påminnelsen skickades inte. Nu är det rättat.');
  });
});
