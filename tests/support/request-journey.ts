/** Steps of the citizen journey shared by the browser tests (Swedish labels, JavaScript off). */
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseIdentity } from './login.ts';

/**
 * A fresh browser context, logged in as a demo citizen through the real provider. JavaScript is off
 * unless asked for (axe needs it to run in the page).
 */
export async function citizenPage(browser: Browser, baseUrl: string, name: string, locale = 'sv', javaScriptEnabled = false): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${locale}/login?return=${encodeURIComponent(`/${locale}/account`)}`);
  await chooseIdentity(page, 'citizen', name);
  await page.waitForURL(`${baseUrl}/${locale}/account`);
  return page;
}

/** The form's main button (continue, send). */
export const submitStep = (page: Page) => page.locator('main form button[value="continue"]').click();

/** Walks the steps after "who" up to the consent step, with the answers a person would give. */
export async function answerSteps(page: Page): Promise<void> {
  await page.waitForURL(/\/request\/contacts$/);
  await page.getByLabel('Verksamhet').fill('Hemtjänst');
  await page.getByLabel('Namn på din kontakt (om du vet det)').fill('Lisa');
  await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
  await page.waitForURL(/\/request\/contacts$/);
  expect(await page.locator('main table').textContent()).toContain('Hemtjänst');
  await submitStep(page);
  await page.waitForURL(/\/request\/situation$/);
  await page.getByLabel('Hur har du det i dag?').fill('Många kontakter, ingen håller ihop.');
  await page.getByLabel('Vad behöver du, vad önskar du och vad förväntar du dig?').fill('En plan.');
  await page.getByLabel('Hur skulle du vilja att det var?').fill('Lugnare.');
  await submitStep(page);
  await page.waitForURL(/\/request\/principals$/);
  await page.getByLabel('Exempelby kommun').check();
  await page.getByLabel('Region Exempel').check();
  await submitStep(page);
  await page.waitForURL(/\/request\/coordinator$/);
  await page.getByLabel('Någon i listan nedan').check();
  await page.getByLabel('Karin Kommunsson, Socialsekreterare').check();
  await submitStep(page);
  await page.waitForURL(/\/request\/meeting$/);
  await page.getByLabel('Digitalt, med video').check();
  await page.getByLabel('Ja', { exact: true }).check();
  await submitStep(page);
  await page.waitForURL(/\/request\/consent$/);
}
