/**
 * Axe on every page of the staff journey and the person's plan page, in every language (right to left
 * included): the inbox, a request, the plan overview, preparation, the editor (also with errors), a
 * version, an invitation, the person's plan, their consent page (with a question and with an error) and
 * the demo mailbox.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../support/browser.ts';
import { inDays, staffPage as loggedInStaff } from '../support/login.ts';
import { LOCALES, textDirection } from '../../src/shared/i18n/locales.ts';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { citizenPage } from '../support/request-journey.ts';

const harness = useServerAndBrowser({ args: ['--demo-data'] });
let server: TestServer;
let browser: Browser;
let rasmus: Page;
let karin: Page;
let hassan: Page;
let requestPath = '';
let planPath = '';
let invitationPath = '';



const staffPage = (name: string, javaScriptEnabled = true) => loggedInStaff(browser, server.url, name, javaScriptEnabled);

beforeAll(async () => {
  ({ server, browser } = harness());
  rasmus = await staffPage('Rasmus Regionsson');
  karin = await staffPage('Karin Kommunsson');
  // A plan with a meeting, an invitation and an offered version, so every page shows all its parts.
  await rasmus.goto(`${server.url}/sv/staff`);
  await rasmus.getByRole('link', { name: 'SIP-DEMO-0001' }).click();
  requestPath = new URL(rasmus.url()).pathname.replace(/^\/sv/, '');
  await rasmus.getByRole('button', { name: 'Ta begäran' }).click();
  await rasmus.waitForURL(/\?taken=1$/);
  planPath = new URL(rasmus.url()).pathname.replace(/^\/sv/, '');
  await rasmus.getByLabel('Vad ni kom fram till').fill('Ringde.');
  await rasmus.getByLabel('Vi går vidare med en SIP').check();
  await rasmus.getByLabel('SIP (kommun och region)').check();
  await rasmus.getByRole('button', { name: 'Spara' }).click();
  await rasmus.waitForURL(/\?done=contacted$/);
  await rasmus.goto(`${server.url}/sv${planPath}/prepare`);
  await rasmus.getByLabel('Datum').fill(inDays(7));
  await rasmus.getByLabel('Börjar').fill('09:00');
  await rasmus.getByLabel('Slutar').fill('10:00');
  await rasmus.getByLabel('Hos en verksamhet').check();
  await rasmus.getByLabel('Adress, rum eller länk').fill('Rum 3');
  await rasmus.getByRole('button', { name: 'Boka mötet' }).click();
  await rasmus.waitForURL(/done=meeting/);
  await rasmus.getByLabel('Personal med konto i portalen').check();
  await rasmus.getByLabel('Personal', { exact: true }).selectOption({ index: 1 });
  await Promise.all([rasmus.waitForEvent('load'), rasmus.getByRole('button', { name: 'Lägg till', exact: true }).click()]);
  await Promise.all([rasmus.waitForEvent('load'), rasmus.getByRole('button', { name: 'Skicka kallelserna' }).click()]);
  await karin.goto(`${server.url}/sv/staff`);
  const link = karin.locator('main a[href*="/staff/invitations/"]').first();
  invitationPath = (await link.getAttribute('href'))!.replace(/^\/sv/, '');
  // The meeting's day comes and it is marked held: only then can the plan be offered.
  expect((await fetch(`${server.url}/sv/test-routes/meetings-started?reference=SIP-DEMO-0001`, { method: 'POST', headers: { Origin: server.url } })).status).toBe(200);
  await rasmus.goto(`${server.url}/sv${planPath}`);
  await rasmus.getByRole('button', { name: /^Mötet är genomfört/ }).click();
  await rasmus.waitForURL(/done=held/);
  await rasmus.goto(`${server.url}/sv${planPath}/edit`);
  await rasmus.getByRole('button', { name: 'Lägg till ett behov' }).click();
  await rasmus.getByLabel('Behov 1').fill('Stöd');
  await rasmus.getByRole('button', { name: 'Lägg till ett mål' }).click();
  await rasmus.getByLabel('Målet').fill('Ett mål');
  await rasmus.getByRole('button', { name: 'Lägg till ett delmål under mål 1' }).click();
  await rasmus.getByLabel('Delmål 1.1').fill('Ett delmål');
  await rasmus.getByRole('button', { name: 'Lägg till en insats' }).click();
  await rasmus.getByLabel('Vad görs').fill('Samtal');
  await rasmus.getByLabel('När', { exact: true }).fill('Varje vecka');
  await rasmus.getByLabel('En verksamhet hos en huvudman').check();
  await rasmus.getByLabel('Verksamhet', { exact: true }).selectOption({ label: 'Vuxenpsykiatri (Region Exempel)' });
  await rasmus.getByLabel('Datum för uppföljning').fill(inDays(60));
  await rasmus.getByLabel('Huvudman med övergripande ansvar').selectOption({ label: 'Region Exempel' });
  await rasmus.getByRole('button', { name: 'Skicka planen till personen för godkännande' }).click();
  await rasmus.waitForURL(/done=offered/);
  // A question to Hassan: may the school take part? (His consent names the municipality and the region.)
  await rasmus.goto(`${server.url}/sv${planPath}/prepare`);
  await rasmus.getByLabel('Huvudman', { exact: true }).selectOption({ label: 'Exempelby skolförvaltning' });
  await rasmus.getByLabel('Varför behövs den huvudmannen?').fill('Hassan studerar på vuxenskolan.');
  await rasmus.getByLabel('Fråga personen på Min SIP').check();
  await rasmus.getByRole('button', { name: 'Skicka frågan' }).click();
  await rasmus.waitForURL(/done=scopeAsked/);
  hassan = await citizenPage(browser, server.url, 'Hassan Exempel', 'sv', true);
});

describe('the staff journey is accessible', () => {
  it.each(LOCALES)('every staff page and the person’s plan in %s', async (locale) => {
    const staffPages = ['/staff', '/staff/start', requestPath, planPath, `${planPath}/prepare`, `${planPath}/edit`, `${planPath}/versions/1`];
    for (const path of staffPages) {
      await rasmus.goto(`${server.url}/${locale}${path}`);
      expect(await rasmus.locator('html').getAttribute('dir'), path).toBe(textDirection(locale));
      expect(await axeViolations(rasmus), `${locale}${path}`).toEqual([]);
    }
    await karin.goto(`${server.url}/${locale}${invitationPath}`);
    expect(await axeViolations(karin), `${locale} invitation`).toEqual([]);
    // The editor with errors: a row with text but no responsible.
    await rasmus.goto(`${server.url}/${locale}${planPath}/edit`);
    await rasmus.locator('button[value="add:actions"]').click();
    await rasmus.locator('#actions-1-what').fill('Utan ansvarig');
    await rasmus.locator('main form button[value="save"]').last().click();
    expect(await rasmus.locator('.error-summary').count()).toBe(1);
    expect(await axeViolations(rasmus), `${locale} editor errors`).toEqual([]);
    await rasmus.locator(`button[value="remove:actions.1"]`).click();
    await hassan.goto(`${server.url}/${locale}/my`);
    expect(await axeViolations(hassan), `${locale} my`).toEqual([]);
    await hassan.goto(`${server.url}/${locale}/my/plans/${planPath.split('/').pop()}`);
    expect(await axeViolations(hassan), `${locale} my plan`).toEqual([]);
    // The consent page with a question waiting, and with the error of an answer left out.
    await hassan.goto(`${server.url}/${locale}/my/plans/${planPath.split('/').pop()}/consent`);
    expect(await axeViolations(hassan), `${locale} consent`).toEqual([]);
    await hassan.locator('main form button[type="submit"]').first().click();
    expect(await hassan.locator('.error-summary').count()).toBe(1);
    expect(await axeViolations(hassan), `${locale} consent errors`).toEqual([]);
    await hassan.goto(`${server.url}/${locale}/demo/mailbox`);
    expect(await axeViolations(hassan), `${locale} mailbox`).toEqual([]);
  });
});

describe('the demo at a glance', () => {
  it('the demo banner is a bar across the whole page', async () => {
    await hassan.goto(`${server.url}/sv/`);
    const [bar, page] = await hassan.evaluate(() => [document.querySelector('.demo-banner')!.getBoundingClientRect().width, document.documentElement.clientWidth]);
    expect(bar).toBe(page);
  });
});

describe('the plan editor and the invitations read at a glance', () => {
  it('participants are compact rows; an action shows the field of the chosen responsible only; no select cuts its text', async () => {
    await rasmus.setViewportSize({ width: 1280, height: 900 });
    await rasmus.goto(`${server.url}/sv${planPath}/edit`);
    const participant = rasmus.locator('fieldset.row-group--compact').first();
    expect((await participant.boundingBox())!.height).toBeLessThan(260);
    const action = rasmus.locator('fieldset.kind-form').first();
    expect(await action.locator('#actions-0-unitId').isVisible()).toBe(true);
    expect(await action.locator('#actions-0-actorName').isVisible()).toBe(false);
    await action.getByLabel('En annan aktör').check();
    expect(await action.locator('#actions-0-unitId').isVisible()).toBe(false);
    expect(await action.locator('#actions-0-actorName').isVisible()).toBe(true);
    // A select is cut when its longest option is wider than the select, and the select could still grow.
    const cut = await rasmus.evaluate(() => [...document.querySelectorAll('main select')].filter((s) => {
      const longest = [...(s as HTMLSelectElement).options].map((o) => o.text).sort((a, b) => b.length - a.length)[0] ?? '';
      const probe = document.createElement('span');
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${getComputedStyle(s).font}`;
      probe.textContent = longest;
      document.body.append(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      return s.clientWidth < need && s.getBoundingClientRect().width < s.parentElement!.getBoundingClientRect().width - 1;
    }).map((s) => s.id));
    expect(cut).toEqual([]);
  });

  it('the add-invitee form shows the fields of the chosen kind', async () => {
    await rasmus.goto(`${server.url}/sv${planPath}/prepare`);
    const visible = async () => Object.fromEntries(await Promise.all(['staffAccountId', 'name', 'organisation', 'email'].map(async (id) => [id, await rasmus.locator(`#${id}`).isVisible()])));
    expect(await visible()).toEqual({ staffAccountId: false, name: false, organisation: false, email: false });
    await rasmus.getByLabel('Personal med konto i portalen').check();
    expect(await visible()).toEqual({ staffAccountId: true, name: false, organisation: false, email: false });
    await rasmus.getByLabel('Någon utanför portalen').check();
    expect(await visible()).toEqual({ staffAccountId: false, name: true, organisation: true, email: true });
    await rasmus.getByLabel('Närstående', { exact: true }).check();
    expect(await visible()).toEqual({ staffAccountId: false, name: true, organisation: false, email: true });
  });
});
