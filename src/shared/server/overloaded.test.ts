import { describe, expect, it } from 'vitest';
import { overloadedPages } from './overloaded.ts';
import { LOCALES, languageTag, textDirection } from '../i18n/locales.ts';
import fs from 'node:fs';

describe('the overload page', () => {
  const page = overloadedPages('locales');

  it.each(LOCALES)('is in %s, with its language, direction and texts', (locale) => {
    const html = page(`/${locale}/staff/plans/x`);
    const { title, lead } = JSON.parse(fs.readFileSync(`locales/${locale}/errors.json`, 'utf8')).pages.overloaded;
    expect(html).toContain(`<html lang="${languageTag(locale)}" dir="${textDirection(locale)}">`);
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain(lead);
    expect(html).toContain(`href="/${locale}/"`);
  });

  it('is in Swedish for a path without a language', () => {
    expect(page('/api/fhir/R4/CarePlan')).toBe(page('/sv/'));
  });
});
