/**
 * One i18next instance per language, built once from the bundled `locales/<lang>/<namespace>.json`.
 * Values are not HTML-escaped here: Astro escapes every expression it renders, and translations never
 * go through `set:html`.
 */
import i18next, { type i18n, type TFunction } from 'i18next';
import { LOCALES, type Locale } from './locales.ts';
import { loadConfig } from '../server/config.ts';
import { logger } from '../server/logger.ts';

type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

const files = import.meta.glob<Record<string, unknown>>('/locales/*/*.json', { eager: true, import: 'default' });

let resources: Resources | undefined;

function buildResources(): Resources {
  if (resources) return resources;
  const built = Object.fromEntries(LOCALES.map((l) => [l, {}])) as Resources;
  for (const [file, content] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
    if (!match) continue;
    const [, locale, namespace] = match as unknown as [string, Locale, string];
    if (built[locale]) built[locale][namespace] = content;
  }
  resources = built;
  return built;
}

export const NAMESPACES = ['common', 'errors', 'home', 'sip', 'relatives', 'accessibility', 'privacy', 'cookies', 'login', 'admin', 'request', 'my', 'mail', 'staff', 'plan', 'deviation', 'feedback', 'stats', 'api', 'retention'] as const;

/** Keys asked for but missing, by language (read by the locale tests; logged in development). */
export const missingKeys = new Set<string>();


function createInstance(locale: Locale): i18n {
  const instance = i18next.createInstance();
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
      const id = `${lngs.join(',')}:${ns}:${key}`;
      missingKeys.add(id);
      if (loadConfig().strictTranslations) throw new Error(`Missing translation ${id}`);
      logger.warn({ key: id }, 'missing translation');
    },
  });
  return instance;
}

const translators = new Map<Locale, TFunction>();

/**
 * The translation function for a language (one per language, shared by all requests). Lookups
 * without interpolation are memoized: the resources never change while the process runs, and a page
 * asks for dozens of keys (i18next's key parsing was ~13 % of a page render's CPU time).
 */
export function translator(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = createInstance(locale);
    const memo = new Map<string, unknown>();
    t = ((key: string | string[], options?: Record<string, unknown>) => {
      const plain = typeof key === 'string' && (options === undefined || (Object.keys(options).length === 1 && 'returnObjects' in options));
      if (!plain) return instance.t(key, options as never);
      const id = options ? `${key}\u0000o` : key;
      if (memo.has(id)) return memo.get(id);
      const value = instance.t(key, options as never);
      memo.set(id, value);
      return value;
    }) as unknown as TFunction;
    translators.set(locale, t);
  }
  return t;
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
