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
  // A form post's answer page may still be loading when the test goes on (a click waits for the
  // navigation to commit, not for the stylesheet): axe then measures the unstyled page, where the
  // language links are a bare list of 18 px lines, and reports them as small targets. CI failed twice
  // that way, each time right after a submit (Somali, then lättläst). So: wait for the load first.
  await page.waitForLoadState('load');
  // Then from the top, after any pending autofocus (Chromium runs it at a later rendering update), so
  // a target half scrolled out of view is never what is measured.
  await page
    .waitForFunction(() => {
      const pending = document.querySelector('[autofocus]');
      return !pending || document.activeElement === pending;
    }, undefined, { timeout: 2000 })
    .catch(() => undefined);
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await frame();
    window.scrollTo(0, 0);
    await frame();
  });
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const where = results.violations.some((v) => v.id === 'target-size')
    ? ` (scrolled to ${await page.evaluate(() => window.scrollY)}, focus on ${await page.evaluate(() => document.activeElement?.className || document.activeElement?.tagName)})`
    : '';
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}` +
      (v.id === 'target-size' ? where : ''),
  );
}

/** Text as a person reads it: without the invisible isolates (U+2066–U+2069) around names in sentences. */
export function plainText(text: string | null): string {
  return (text ?? '').replace(/[\u2066-\u2069]/g, '');
}
