/**
 * One i18next instance per language, built once from the bundled `locales/<lang>/<namespace>.json`.
 * Values are not HTML-escaped here: Astro escapes every expression it renders, and translations never
 * go through `set:html`.
 */
import i18next, { type i18n, type TFunction } from 'i18next';
import { LOCALES, type Locale } from './locales.ts';

type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

const files = import.meta.glob<Record<string, unknown>>('/locales/*/*.json', { eager: true, import: 'default' });

function buildResources(): Resources {
  const resources = Object.fromEntries(LOCALES.map((l) => [l, {}])) as Resources;
  for (const [file, content] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
    if (!match) continue;
    const [, locale, namespace] = match as unknown as [string, Locale, string];
    if (resources[locale]) resources[locale][namespace] = content;
  }
  return resources;
}

export const NAMESPACES = ['common', 'errors', 'home', 'sip', 'relatives', 'accessibility', 'privacy', 'cookies'] as const;

/** Keys asked for but missing, by language (read by the locale tests; logged in development). */
export const missingKeys = new Set<string>();

const instances = new Map<Locale, i18n>();

/** The translation function for a language (cached per language; safe to share between requests). */
export function translator(locale: Locale): TFunction {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: false,
      resources: buildResources(),
      ns: [...NAMESPACES],
      defaultNS: 'common',
      initAsync: false,
      returnNull: false,
      returnEmptyString: false,
      returnObjects: true,
      interpolation: { escapeValue: false },
      saveMissing: true,
      missingKeyHandler: (lngs, ns, key) => {
        missingKeys.add(`${lngs.join(',')}:${ns}:${key}`);
      },
    });
    instances.set(locale, instance);
  }
  return instance.t;
}

export interface TextSection {
  heading: string;
  paragraphs: string[];
  items: string[];
  after: string;
}

/** Reads one text section (`<ns>:sections.<id>`) as a whole; optional parts are empty when absent. */
export function textSection(t: TFunction, key: string): TextSection {
  const value = t(key, { returnObjects: true }) as unknown;
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  return {
    heading: typeof o.heading === 'string' ? o.heading : '',
    paragraphs: strings(o.paragraphs),
    items: strings(o.items),
    after: typeof o.after === 'string' ? o.after : '',
  };
}
