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

/** Every language's resources, as i18next gets them. */
export function allResources(): Resources {
  return buildResources();
}

export const NAMESPACES = ['common', 'errors', 'home', 'sip', 'relatives', 'accessibility', 'privacy', 'cookies', 'login', 'admin', 'request', 'my', 'mail', 'staff', 'plan', 'deviation', 'feedback', 'stats', 'api', 'retention'] as const;

/** Keys asked for but missing, by language (read by the locale tests; logged in development). */
export const missingKeys = new Set<string>();


/** A new i18next instance for a language, without the memo of `translator` (tests compare the two). */
export function createInstance(locale: Locale): i18n {
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

/** i18next's own options: a call with any of these goes to i18next as it is. */
const RESERVED = new Set(['defaultValue', 'ns', 'lng', 'lngs', 'context', 'returnObjects', 'returnDetails', 'ordinal', 'replace', 'interpolation', 'postProcess', 'joinArrays', 'keySeparator', 'nsSeparator', 'skipInterpolation', 'nest']);
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * `template` with its `{{name}}` placeholders filled from `values`, as i18next fills them with
 * `escapeValue: false`; undefined when the template needs more than that (a value missing, nesting
 * with `$t(`, a format) and i18next must do it.
 */
export function fillTemplate(template: string, values: Record<string, unknown>): string | undefined {
  if (template.includes('$t(')) return undefined;
  let complete = true;
  const filled = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    complete = false;
    return '';
  });
  return complete && !filled.includes('{{') ? filled : undefined;
}

/** The count that picks a plural form, when the call can use a memoized template ('' without a count). */
function templateVariant(options: Record<string, unknown>): string | undefined {
  for (const name in options) {
    const value = options[name];
    if (RESERVED.has(name) || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  }
  const count = options.count;
  if (count === undefined) return '';
  return typeof count === 'number' && Number.isInteger(count) && Math.abs(count) < 10_000 ? String(count) : undefined;
}

/**
 * The translation function for a language (one per language, shared by all requests). The resources
 * never change while the process runs, so i18next's work is done once per key: lookups without values
 * are memoized whole, and lookups with values (`{{name}}`, a count) memoize the template i18next
 * resolves for that key and count, then fill in the values. i18next's key parsing and interpolation
 * were ~13 % of a page's CPU time, and a list of 50 plans asks for 150 deadlines with counts.
 */
export function translator(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = createInstance(locale);
    const memo = new Map<string, unknown>();
    t = ((key: string | string[], options?: Record<string, unknown>) => {
      if (typeof key !== 'string') return instance.t(key, options as never);
      const plain = options === undefined || (Object.keys(options).length === 1 && 'returnObjects' in options);
      if (plain) {
        const id = options ? `${key}\u0000o` : key;
        if (memo.has(id)) return memo.get(id);
        const value = instance.t(key, options as never);
        memo.set(id, value);
        return value;
      }
      const variant = templateVariant(options);
      if (variant === undefined) return instance.t(key, options as never);
      const id = `${key}\u0000#${variant}`;
      let template = memo.get(id);
      if (template === undefined) {
        template = instance.t(key, (variant === '' ? { skipInterpolation: true } : { count: options.count, skipInterpolation: true }) as never);
        memo.set(id, template);
      }
      return (typeof template === 'string' && fillTemplate(template, options)) || instance.t(key, options as never);
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
