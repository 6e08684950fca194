/**
 * The portal's languages. `lattlast` (lättläst, easy-to-read Swedish) is a URL segment, not a
 * BCP 47 tag: `Intl` silently accepts it and falls back to the machine's default, so it is mapped to
 * `sv` for `<html lang>`, `Intl.*` and plural rules (stack.md).
 */
export const LOCALES = ['sv', 'lattlast', 'en', 'ar', 'fa', 'so', 'fi'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

/** Each language named in itself, for the language selector. */
export const LOCALE_NAMES: Record<Locale, string> = {
  sv: 'Svenska',
  lattlast: 'Lättläst',
  en: 'English',
  ar: 'العربية',
  fa: 'فارسی',
  so: 'Soomaali',
  fi: 'Suomi',
};

const RTL: ReadonlySet<Locale> = new Set<Locale>(['ar', 'fa']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The BCP 47 tag for `lang` attributes, `hreflang`, `Intl` and plural rules. */
export function languageTag(locale: Locale): string {
  return locale === 'lattlast' ? 'sv' : locale;
}

export function textDirection(locale: Locale): 'ltr' | 'rtl' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/**
 * Picks the best portal language for an Accept-Language header. Tags are matched on their
 * language subtag (`fa-IR` → fa); quality values are honoured; anything unknown or malformed → sv.
 * Easy-read Swedish is never negotiated: it is chosen by the person.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage || acceptLanguage.length > 1_000) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag !== '' && r.tag !== '*' && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    let language: string;
    try {
      language = new Intl.Locale(range.tag).language;
    } catch {
      continue;
    }
    if (language === 'lattlast') continue;
    if (isLocale(language)) return language;
    // Norwegian and Danish readers are better served by Swedish than by English.
    if (['nb', 'nn', 'no', 'da'].includes(language)) return 'sv';
  }
  return DEFAULT_LOCALE;
}

/** Replaces the language segment of a path (`/en/privacy` → `/ar/privacy`); the path stays the same. */
export function switchLocalePath(pathname: string, locale: Locale): string {
  const segments = pathname.split('/');
  if (isLocale(segments[1])) segments[1] = locale;
  else segments.splice(1, 0, locale);
  const joined = segments.join('/');
  return joined.endsWith(`/${locale}`) ? `${joined}/` : joined;
}

/** The locale named by the first path segment, if any. */
export function localeFromPath(pathname: string): Locale | undefined {
  const first = pathname.split('/')[1];
  return isLocale(first) ? first : undefined;
}
