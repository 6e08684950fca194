/**
 * Debian's Chromium through playwright-core (never a downloaded browser), and axe-core with the
 * WCAG 2.2 A/AA rules.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A context that behaves as JavaScript off for the site while axe can still run: the site's own
 * scripts are blocked (axe runs inside the page, so `javaScriptEnabled: false` would break it).
 */
export async function contextWithoutSiteScripts(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.route('**/*', (route) =>
    route.request().resourceType() === 'script' ? route.abort() : route.continue(),
  );
  return context;
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe violations on the page, as short strings (empty when the page passes). */
export async function axeViolations(page: Page): Promise<string[]> {
  // From the top: axe measures a touch target by its visible part, so a page scrolled by an autofocused
  // error summary has its header links "too small" only because they are half out of view (CI proved the
  // links' own 24 px height was not enough on its own: the follow-up error page in Somali still failed).
  await page.evaluate(() => window.scrollTo(0, 0));
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
  );
}

/** Text as a person reads it: without the invisible isolates (U+2066–U+2069) around names in sentences. */
export function plainText(text: string | null): string {
  return (text ?? '').replace(/[\u2066-\u2069]/g, '');
}
