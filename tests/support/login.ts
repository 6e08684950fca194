/** Logs in through the real demo provider in a browser and returns the session cookie's value. */
import type { Browser, Page } from 'playwright-core';

export async function chooseIdentity(page: Page, kind: 'citizen' | 'staff', name: string): Promise<void> {
  await page.locator(`main a[href*="/login/${kind}"]`).click();
  await page.getByRole('button', { name }).click();
}

export async function sessionFor(browser: Browser, baseUrl: string, kind: 'citizen' | 'staff', name: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sv/login`);
    await chooseIdentity(page, kind, name);
    await page.waitForURL(`${baseUrl}/sv/account`);
    const cookie = (await context.cookies()).find((c) => c.name === '__Host-sip_session');
    if (!cookie) throw new Error(`no session for ${name}`);
    return cookie.value;
  } finally {
    await context.close();
  }
}
