import { describe, expect, it } from 'vitest';
import { languageTag, localeFromPath, negotiateLocale, switchLocalePath, textDirection } from './locales.ts';

describe('negotiateLocale', () => {
  it.each([
    ['fa-IR,fa;q=0.9,en;q=0.8', 'fa'],
    ['ar-SE', 'ar'],
    ['en-GB,en;q=0.9', 'en'],
    ['so', 'so'],
    ['fi-FI', 'fi'],
    ['de-DE,en;q=0.5', 'en'],
    ['sv-SE', 'sv'],
    ['nb-NO', 'sv'],
    ['de-DE', 'sv'],
    ['en;q=0.2,fi;q=0.8', 'fi'],
    ['*', 'sv'],
    ['lattlast', 'sv'],
  ])('maps %j to %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it.each([null, '', ';;;,,,', 'en;q=abc', '@@@', 'x'.repeat(5000), 'ar;q=0'])('falls back to sv for malformed %j', (header) => {
    expect(negotiateLocale(header)).toBe('sv');
  });
});

describe('paths', () => {
  it('switches only the language segment', () => {
    expect(switchLocalePath('/en/privacy', 'ar')).toBe('/ar/privacy');
    expect(switchLocalePath('/en/', 'fi')).toBe('/fi/');
    expect(switchLocalePath('/en', 'fi')).toBe('/fi/');
    expect(switchLocalePath('/xx/privacy', 'so')).toBe('/so/xx/privacy');
  });

  it('reads the language from the first segment only', () => {
    expect(localeFromPath('/fa/what-is-sip')).toBe('fa');
    expect(localeFromPath('/healthz')).toBeUndefined();
    expect(localeFromPath('/what-is-sip/en')).toBeUndefined();
  });
});

describe('language tags and direction', () => {
  it('maps easy-read Swedish to sv and marks Arabic and Persian right-to-left', () => {
    expect(languageTag('lattlast')).toBe('sv');
    expect(languageTag('so')).toBe('so');
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('fa')).toBe('rtl');
    expect(textDirection('lattlast')).toBe('ltr');
  });
});
