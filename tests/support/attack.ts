/**
 * Shared parts of the attack suite (tests/security/): the XSS payloads, reading a page's forms, posting
 * them over HTTP, the row counts that show nothing was half saved, and the tally behind the summary line
 * (`npm run test:security` → scripts/security-summary.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const SESSION = '__Host-sip_session';
export const cookieHeader = (token: string | undefined): Record<string, string> => (token ? { cookie: `${SESSION}=${token}` } : {});

/**
 * Text that would run script if a page, print view or mail put it into HTML unescaped. Each sets no
 * global and calls nothing harmless: with the CSP in place an injected handler shows as a console error,
 * without it as a dialog; both fail the browser checks. The last two are Unicode spoofing, not XSS.
 */
export const XSS_PAYLOADS = [
  '<script>alert("x1")</script>',
  '"><img src=x onerror=alert("x2")>',
  "'><svg onload=alert('x3')>",
  '</textarea><script>alert("x4")</script>',
  '<a href="javascript:alert(\'x5\')">x5</a>',
  '{{constructor.constructor("alert(6)")()}} ${alert(7)}',
  '&lt;marquee&gt;x8&lt;/marquee&gt; &amp;',
  '<iframe srcdoc="<script>alert(9)</script>"></iframe>',
] as const;

/** Names and texts that try to reorder or hide what is around them (bidi override, zero-width). */
export const SPOOF_PAYLOADS = ['Anna \u202Egnirts\u202C Exempel', 'Zero\u200Bwidth\u200D\uFEFFtext \u2066isolated\u2069 \u202Dforced'] as const;

/**
 * What the payloads would create if any reached a page as markup, found by parsing the HTML as a browser
 * does (an escaped payload inside an attribute or text creates none of these). Run in a page.
 */
export function injectedElements(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const selectors = ['[onerror]', '[onload]', 'iframe', 'img[src="x"]', 'a[href^="javascript:" i]', 'marquee'];
  const found = selectors.flatMap((s) => [...doc.querySelectorAll(s)].map((e) => e.outerHTML.slice(0, 80)));
  const scripts = [...doc.querySelectorAll('script')].filter((e) => /alert\(/.test(e.textContent ?? ''));
  return [...found, ...scripts.map((e) => e.outerHTML.slice(0, 80))];
}

export interface FormField {
  name: string;
  /** `text`, `textarea`, `select`, `radio`, `checkbox`, `hidden`, `date`, `time`, `email`, `submit`, … */
  type: string;
  value: string;
  options: string[];
  required: boolean;
  maxLength: number;
}

export interface FoundForm {
  /** The path (and query) the form posts to. */
  action: string;
  fields: FormField[];
}

/** Every `method="post"` form on the page, with its fields and their current values. */
export async function formsOf(page: Page): Promise<FoundForm[]> {
  return page.$$eval('form[method="post" i]', (forms) =>
    forms.map((f) => {
      const form = f as HTMLFormElement;
      const url = new URL(form.getAttribute('action') || location.href, location.href);
      const fields = [...form.querySelectorAll('input[name], textarea[name], select[name], button[name]')].map((el) => {
        const e = el as HTMLInputElement;
        const tag = e.tagName.toLowerCase();
        const type = tag === 'textarea' ? 'textarea' : tag === 'select' ? 'select' : tag === 'button' ? 'submit' : (e.getAttribute('type') || 'text').toLowerCase();
        const options = tag === 'select' ? [...(el as HTMLSelectElement).options].map((o) => o.value) : [];
        const value = type === 'radio' || type === 'checkbox' ? (e.checked ? e.value : '') : e.value;
        return { name: e.name, type, value, options: type === 'radio' || type === 'checkbox' ? [e.value] : options, required: e.required, maxLength: e.maxLength ?? -1 };
      });
      return { action: url.pathname + url.search, fields };
    }),
  );
}

/** The form's fields merged by name: radio and checkbox groups become one field with every option. */
export function fieldsByName(form: FoundForm): FormField[] {
  const byName = new Map<string, FormField>();
  for (const f of form.fields) {
    const seen = byName.get(f.name);
    if (!seen) byName.set(f.name, { ...f, options: [...f.options] });
    else {
      seen.options.push(...f.options.filter((o) => !seen.options.includes(o)));
      if (!seen.value && f.value) seen.value = f.value;
    }
  }
  return [...byName.values()];
}

/** Posts fields as a browser would (urlencoded, same Origin), without following redirects. */
export function post(baseUrl: string, action: string, entries: [string, string][], token: string | undefined): Promise<Response> {
  return fetch(`${baseUrl}${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...cookieHeader(token), Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(entries).toString(),
  });
}

/** Tables that change on every request of a logged-in user or on their own (sessions, audit, rollup). */
const NOT_DATA = new Set(['session', 'audit_event', 'login_attempt', 'rescued_form']);

/** Row counts of every data table (the test-only counts route), for "nothing half saved". */
export async function dataCounts(baseUrl: string): Promise<Record<string, number>> {
  const all = (await (await fetch(`${baseUrl}/sv/test-routes/counts`)).json()) as Record<string, number>;
  return Object.fromEntries(Object.entries(all).filter(([table]) => !NOT_DATA.has(table)));
}

export interface Tally {
  routesRoles: number;
  payloads: number;
  failures: number;
}

/** Adds this file's figures to tests/.output/security/ for the summary line. */
export function writeTally(file: string, tally: Partial<Tally>): void {
  const dir = path.resolve('tests/.output/security');
  fs.mkdirSync(dir, { recursive: true });
  const name = `${path.basename(file, '.test.ts')}-${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'}.json`;
  fs.writeFileSync(path.join(dir, name), JSON.stringify({ routesRoles: 0, payloads: 0, failures: 0, ...tally }));
}

/**
 * A plausible filling of a form: hidden and pre-filled values kept, the first real option of each
 * radio group, select and checkbox group, dates and times in the future, and `text(field)` in every
 * free-text field.
 * Submit buttons are left out (pass the one to press in `extra`).
 */
export function fillForm(form: FoundForm, text: (field: FormField) => string, extra: [string, string][] = []): [string, string][] {
  const entries: [string, string][] = [];
  const future = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  for (const f of fieldsByName(form)) {
    if (f.type === 'submit') continue;
    if (f.type === 'hidden') entries.push([f.name, f.value]);
    else if (f.type === 'radio' || f.type === 'select') entries.push([f.name, f.value || f.options.find((o) => o !== '') || '']);
    // A checkbox group with nothing ticked gets its first box (a consent, a principal to ask).
    else if (f.type === 'checkbox') entries.push([f.name, f.value || f.options[0] || 'on']);
    else if (f.type === 'date') entries.push([f.name, f.value || future]);
    else if (f.type === 'time') entries.push([f.name, f.value || '10:00']);
    else if (f.type === 'email') entries.push([f.name, 'test@example.org']);
    else if (f.type === 'number') entries.push([f.name, f.value || '1']);
    else entries.push([f.name, f.value && !/text|textarea/.test(f.type) ? f.value : text(f)]);
  }
  return [...entries, ...extra];
}

/**
 * The form as a browser posts it when only the free-text fields are typed in: every value as it stands
 * (selects as selected, an empty select stays empty), unticked checkboxes and radios left out, and
 * `text(field)` in every field for which it returns a string (undefined keeps the value). Submit buttons are
 * left out (pass the one to press in `extra`).
 */
export function asEntered(form: FoundForm, text: (field: FormField) => string | undefined, extra: [string, string][] = []): [string, string][] {
  const entries: [string, string][] = [];
  for (const f of form.fields) {
    if (f.type === 'submit' || ((f.type === 'radio' || f.type === 'checkbox') && f.value === '')) continue;
    entries.push([f.name, f.type === 'text' || f.type === 'textarea' ? (text(f) ?? f.value) : f.value]);
  }
  return [...entries, ...extra];
}
