import { describe, expect, it } from 'vitest';
import { allResources, createInstance, fillTemplate, translator } from './i18n.ts';
import { LOCALES } from './locales.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key of a namespace (plural forms as their base key) with the placeholders its texts use. */
function keysWithPlaceholders(tree: unknown, prefix = '', out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (typeof tree === 'string') {
    const key = prefix.replace(PLURAL, '');
    const names = out.get(key) ?? new Set<string>();
    for (const m of tree.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) names.add(m[1]!);
    if (PLURAL.test(prefix)) names.add('count');
    out.set(key, names);
  } else if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree)) keysWithPlaceholders(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

describe('the memoized translator', () => {
  it('gives what i18next gives for every key with values, in every language', () => {
    let compared = 0;
    for (const locale of LOCALES) {
      const t = translator(locale);
      const plain = createInstance(locale);
      for (const [namespace, tree] of Object.entries(allResources()[locale])) {
        for (const [key, names] of keysWithPlaceholders(tree)) {
          if (names.size === 0) continue;
          const counts = names.has('count') ? [0, 1, 2, 3, 5, 11, 21, 102, -1] : [undefined];
          for (const count of counts) {
            // Values that a naive replace would misread: `$&` and a placeholder-like text.
            for (const style of ['plain', 'dollar', 'braces'] as const) {
              const values: Record<string, unknown> = {};
              for (const name of names) values[name] = style === 'plain' ? `v-${name}` : style === 'dollar' ? `$&$1 ${name}` : `{{${name}}}`;
              if (count !== undefined) values.count = count;
              const id = `${namespace}:${key}`;
              // Twice: the first call fills the memo, the second reads it.
              expect(t(id, values), `${locale} ${id} ${JSON.stringify(values)}`).toBe(plain.t(id, values as never));
              expect(t(id, values)).toBe(plain.t(id, values as never));
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('leaves to i18next what it cannot fill itself', () => {
    expect(fillTemplate('Hej {{name}}', { name: 'Anna' })).toBe('Hej Anna');
    expect(fillTemplate('{{n}} dagar', { n: 3 })).toBe('3 dagar');
    expect(fillTemplate('Hej {{name}}', {})).toBeUndefined();
    expect(fillTemplate('Hej {{name, uppercase}}', { name: 'a' })).toBeUndefined();
    expect(fillTemplate('$t(common:x) {{a}}', { a: 'b' })).toBeUndefined();
    expect(fillTemplate('{{a}}', { a: '{{b}}' })).toBeUndefined();
  });
});
