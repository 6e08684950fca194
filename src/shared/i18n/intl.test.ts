import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATE_FORMAT, DATE_TIME_FORMAT, dateTimeFormat, listText } from './intl.ts';
import { languageTag } from './locales.ts';

const strip = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('listText', () => {
  it('joins names the way the language does', () => {
    expect(strip(listText('sv', ['Uppsala kommun', 'Region Uppsala', 'Skogsby skola']))).toBe('Uppsala kommun, Region Uppsala och Skogsby skola');
    expect(strip(listText(languageTag('lattlast'), ['A', 'B']))).toBe('A och B');
    expect(strip(listText('en', ['A', 'B', 'C']))).toBe('A, B, and C');
    expect(strip(listText('ar', ['A', 'B']))).toContain('و');
  });

  it('isolates each name so it keeps its order inside right-to-left text', () => {
    expect(listText('fa', ['Region Uppsala'])).toBe('\u2068Region Uppsala\u2069');
  });
});

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(astro|ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('dates read the same everywhere', () => {
  it('a moment reads "7 december 2026 kl. 22:59", never "2026-12-07 22:59" or "7 dec. 2026"', () => {
    const at = new Date('2026-12-07T21:59:00Z');
    expect(dateTimeFormat('sv-SE', DATE_TIME_FORMAT).format(at)).toBe("7 december 2026 kl. 22:59");
    expect(dateTimeFormat('sv-SE', DATE_FORMAT).format(at)).toBe('7 december 2026');
  });

  it('no page or component picks a short or medium date style of its own', () => {
    const offenders = sources('src').filter((f) => /dateStyle:\s*'(short|medium)'/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
