/**
 * Every language has the same files and keys as Swedish, the same placeholders, no empty strings,
 * the plural forms its language needs, and every key the code asks for exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, languageTag, type Locale } from '../../src/shared/i18n/locales.ts';
import { KNOWN_AUDIT_ACTIONS } from '../../src/features/access/access-log.service.ts';
import { listFiles } from '../support/files.ts';

const root = path.resolve('locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;
type Flat = Map<string, string | string[]>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (typeof value === 'string' || Array.isArray(value)) out.set(prefix, value as string | string[]);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value as never);
  return out;
}

function load(locale: Locale): Map<string, Flat> {
  const files = new Map<string, Flat>();
  for (const file of fs.readdirSync(path.join(root, locale)).filter((f) => f.endsWith('.json')).sort()) {
    const json = JSON.parse(fs.readFileSync(path.join(root, locale, file), 'utf8'));
    files.set(file.replace(/\.json$/, ''), flatten(json, '', new Map()));
  }
  return files;
}

const base = (key: string) => key.replace(PLURAL, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
const sv = load('sv');

describe.each(LOCALES.filter((l) => l !== 'sv'))('locale %s', (locale) => {
  const other = fs.existsSync(path.join(root, locale)) ? load(locale) : new Map<string, Flat>();

  it('has the same files as Swedish', () => {
    expect([...other.keys()]).toEqual([...sv.keys()]);
  });

  it('has the same keys as Swedish (plural forms aside)', () => {
    for (const [ns, keys] of sv) {
      const mine = new Set([...(other.get(ns)?.keys() ?? [])].map(base));
      expect([...mine].sort(), ns).toEqual([...new Set([...keys.keys()].map(base))].sort());
    }
  });

  it('has exactly the plural forms its language uses', () => {
    const categories = new Intl.PluralRules(languageTag(locale)).resolvedOptions().pluralCategories.sort();
    for (const [ns, keys] of other) {
      const forms = new Map<string, string[]>();
      for (const key of keys.keys()) {
        const m = PLURAL.exec(key);
        if (m) forms.set(base(key), [...(forms.get(base(key)) ?? []), m[1]!]);
      }
      for (const [key, found] of forms) expect(found.sort(), `${ns}:${key}`).toEqual(categories);
    }
  });

  it('keeps the placeholders and leaves nothing empty', () => {
    for (const [ns, keys] of other) {
      for (const [key, value] of keys) {
        const where = `${locale}/${ns}:${key}`;
        const values = Array.isArray(value) ? value : [value];
        expect(values.length, where).toBeGreaterThan(0);
        for (const v of values) {
          expect(typeof v, where).toBe('string');
          expect(v.trim(), where).not.toBe('');
        }
        const reference = sv.get(ns)?.get(key) ?? sv.get(ns)?.get(`${base(key)}_other`);
        if (typeof reference === 'string' && typeof value === 'string') {
          const mine = placeholders(value);
          if (PLURAL.test(key) && !key.endsWith('_other')) {
            // Arabic "one"/"two" and similar forms may leave the number out.
            for (const p of mine) expect(placeholders(reference), where).toContain(p);
          } else expect(mine, where).toEqual(placeholders(reference));
        }
        if (Array.isArray(reference) && locale !== 'lattlast') {
          // Easy-read Swedish may split a list into more, shorter items; translations keep the count.
          expect((value as string[]).length, where).toBe(reference.length);
        }
      }
    }
  });
});

const sourceFiles = listFiles('src')
  .filter((f) => /\.(ts|astro|svelte)$/.test(f) && !f.endsWith('.test.ts'))
  .map((f) => path.join('src', f));


function hasKey(ns: string, k: string): boolean {
  const keys = sv.get(ns);
  return !!keys && (keys.has(k) || keys.has(`${k}_other`) || [...keys.keys()].some((x) => x.startsWith(`${k}.`)));
}

describe('Swedish, the reference', () => {
  it('has no empty strings', () => {
    for (const [ns, keys] of sv) {
      for (const [key, value] of keys) {
        for (const v of Array.isArray(value) ? value : [value]) expect(v.trim(), `${ns}:${key}`).not.toBe('');
      }
    }
  });

  it('has every key the code asks for by name', () => {
    const used = new Set<string>();
    for (const file of sourceFiles) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-z]+):([\w.]+)'/g)) used.add(`${m[1]}:${m[2]}`);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) {
      const [ns, k] = key.split(':') as [string, string];
      expect(hasKey(ns, k), key).toBe(true);
    }
  });

  it('has every key of a listed set the code picks from (`[…].includes(done) && t(`ns:x.${done}`)`)', () => {
    let sets = 0;
    for (const file of sourceFiles) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\[((?:\s*'[\w-]+',?)+)\s*\]\.includes\((\w+)\)[^\n]*?\bt\(`([a-z]+):([\w.]+)\.\$\{(\w+)\}`/g)) {
        if (m[2] !== m[5]) continue;
        sets++;
        for (const value of m[1]!.matchAll(/'([\w-]+)'/g)) expect(hasKey(m[3]!, `${m[4]}.${value[1]}`), `${file}: ${m[3]}:${m[4]}.${value[1]}`).toBe(true);
      }
    }
    expect(sets).toBeGreaterThan(3);
  });

  it('names every audit action the code writes in the person\'s access log', () => {
    const written = new Set<string>();
    for (const file of sourceFiles) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!/\baction\b|\baudit(ed)?\(/.test(line)) continue;
        for (const m of line.matchAll(/'((?:session|request|consent|share|plan|meeting|invitation|followUp|deviation|feedback)\.[a-zA-Z]+)'/g)) written.add(m[1]!);
      }
    }
    expect(written.size).toBeGreaterThan(20);
    for (const action of written) expect(KNOWN_AUDIT_ACTIONS as readonly string[], action).toContain(action);
    for (const action of KNOWN_AUDIT_ACTIONS) expect(hasKey('login', `accessLog.actions.${action}`), action).toBe(true);
  });
});
