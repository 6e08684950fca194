import { describe, expect, it } from 'vitest';
import { listText } from './intl.ts';
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
