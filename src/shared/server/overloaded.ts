/**
 * The page a request gets when too many are already waiting (admission.ts): a 503 in the person's
 * language, answered at once without rendering. Built once per language from locales/<lang>/errors.json
 * (src/server.ts runs outside Astro's bundle, so it reads the files itself).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCALE, LOCALES, languageTag, localeFromPath, textDirection, type Locale } from '../i18n/locales.ts';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The overload page for each language; the returned function picks it by the request's path. */
export function overloadedPages(localesDir: string): (requestPath: string) => string {
  const pages = new Map<Locale, string>();
  for (const locale of LOCALES) {
    const errors = JSON.parse(fs.readFileSync(path.join(localesDir, locale, 'errors.json'), 'utf8')) as { pages: { overloaded: { title: string; lead: string; home: string } } };
    const { title, lead, home } = errors.pages.overloaded;
    pages.set(
      locale,
      `<!doctype html><html lang="${languageTag(locale)}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>` +
        `<body><main><h1>${escape(title)}</h1><p>${escape(lead)}</p><p><a href="/${locale}/">${escape(home)}</a></p></main></body></html>`,
    );
  }
  return (requestPath) => pages.get(localeFromPath(requestPath) ?? DEFAULT_LOCALE)!;
}
