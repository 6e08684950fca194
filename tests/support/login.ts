/** Logs in through the real demo provider in a browser and returns the session cookie's value. */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export async function chooseIdentity(page: Page, kind: 'citizen' | 'staff', name: string): Promise<void> {
  await page.locator(`main a[href*="/login/${kind}"]`).click();
  await page.getByRole('button', { name }).click();
}

export async function sessionFor(browser: Browser, baseUrl: string, kind: 'citizen' | 'staff', name: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sv/login?return=${encodeURIComponent(`/sv/account`)}`);
    await chooseIdentity(page, kind, name);
    await page.waitForURL(`${baseUrl}/sv/account`);
    const cookie = (await context.cookies()).find((c) => c.name === '__Host-sip_session');
    if (!cookie) throw new Error(`no session for ${name}`);
    return cookie.value;
  } finally {
    await context.close();
  }
}

/** A staff member logged in through the real login, in a fresh browser context (JavaScript on or off). */
export async function staffPage(browser: Browser, baseUrl: string, name: string, javaScriptEnabled = true): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await page.goto(`${baseUrl}/sv/login?return=${encodeURIComponent(`/sv/account`)}`);
  await chooseIdentity(page, 'staff', name);
  await page.waitForURL(`${baseUrl}/sv/account`);
  return page;
}

/** Logs in through the real login in the given context (for example one that blocks the site's scripts). */
export async function loggedInPage(context: BrowserContext, baseUrl: string, kind: 'citizen' | 'staff', name: string, locale = 'sv'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${locale}/login?return=${encodeURIComponent(`/${locale}/account`)}`);
  await chooseIdentity(page, kind, name);
  await page.waitForURL(`${baseUrl}/${locale}/account`);
  return page;
}

/** A Swedish calendar date `days` from today. */
export function inDays(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}
