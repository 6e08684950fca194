/**
 * Words that say what they mean (issue 21): the terms the guideline uses, one spelling per term, and
 * no jargon in what a person is asked to agree to. Checked on the locale files so a later edit that
 * brings an old word back fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/shared/i18n/locales.ts';

const root = path.resolve('locales');
const text = (locale: Locale, ns: string) => fs.readFileSync(path.join(root, locale, `${ns}.json`), 'utf8');
const json = (locale: Locale, ns: string) => JSON.parse(text(locale, ns));
const all = (locale: Locale) =>
  fs.readdirSync(path.join(root, locale)).filter((f) => f.endsWith('.json')).map((f) => text(locale, f.replace(/\.json$/, ''))).join('\n');

describe('words that say what they mean', () => {
  it('Arabic and Persian call a deviation a report of a shortcoming, never a violation or moral deviance', () => {
    expect(all('ar')).not.toMatch(/مخالف/);
    expect(all('fa')).not.toMatch(/انحراف/);
    expect(json('ar', 'sip').sections.notWorking.after).toContain('بلاغ عن خلل (avvikelse)');
    expect(json('fa', 'sip').sections.notWorking.after).toContain('گزارش کوتاهی یا خطا» (avvikelse)');
  });

  it('Swedish says one reports a deviation, not that one deviates', () => {
    const after = json('sv', 'sip').sections.notWorking.after as string;
    expect(after).not.toContain('göra en avvikelse');
    expect(after).toContain('anmäla en avvikelse');
  });

  it.each(LOCALES)('%s: consent statements name the principals instead of saying "huvudmännen"', (locale) => {
    const statements = [
      ...Object.values(json(locale, 'request').consent.statement),
      ...Object.values(json(locale, 'my').answer.statement),
    ] as string[];
    expect(statements).toHaveLength(6);
    for (const s of statements) {
      expect(s).toContain('{{principals}}');
      expect(s).not.toMatch(/huvudm/i);
    }
  });

  it('lättläst says vårdnadshavare, not förälder, and is not childish', () => {
    const easy = all('lattlast');
    expect(easy).not.toMatch(/förälder|föräldrar/i);
    expect(easy).not.toContain('dum mot');
    expect(json('lattlast', 'relatives').sections.children.heading).toBe('Om du är vårdnadshavare');
  });

  it.each(LOCALES)('%s: the access log title says read or changed, as the log shows both', (locale) => {
    const changed = { sv: 'ändrat', lattlast: 'ändrat', en: 'changed', ar: 'غيّر', fa: 'تغییر', so: 'beddelay', fi: 'muuttanut' }[locale];
    expect(json(locale, 'login').accessLog.title).toContain(changed);
  });

  it.each(LOCALES)('%s: the 15-year rule depends on the child understanding, not on age alone', (locale) => {
    const consent = (json(locale, 'sip').sections.consent.paragraphs as string[]).join(' ');
    const children = (json(locale, 'relatives').sections.children.paragraphs as string[]).join(' ');
    const understands = { sv: 'förstår', lattlast: 'förstår', en: 'understands', ar: 'يفهم', fa: 'می‌فهمد', so: 'fahmaya', fi: 'ymmärtää' }[locale];
    expect(consent).toContain(understands);
    expect(children).toContain(understands);
  });

  it.each(LOCALES)('%s: public pages tell about the copy, the meeting choices, the journal and reporting from the plan', (locale) => {
    const sip = json(locale, 'sip').sections;
    expect(sip.meeting.after).toBeTruthy();
    expect(sip.meeting.paragraphs.length).toBeGreaterThanOrEqual(4);
    expect(sip.notWorking.after).toContain(json(locale, 'deviation').person.link.replace(/"/g, ''));
    expect(json(locale, 'home').sections.howToAsk.paragraphs.length).toBeGreaterThanOrEqual(3);
  });

  it('Somali spells mas\'uul one way; Finnish mails use one term for SIP', () => {
    expect(all('so')).not.toMatch(/\bmasuul/i);
    expect(text('fi', 'mail')).not.toContain('yhteensovitet');
  });
});
