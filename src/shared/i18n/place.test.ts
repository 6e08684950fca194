import { describe, expect, it } from 'vitest';
import { translator } from './i18n.ts';
import { placeText } from './place.ts';
import { capitalize } from './case.ts';

const t = translator('sv');

describe('a meeting place is put into words for who reads it', () => {
  it('the person reads "hemma hos dig", a relative or staff "hemma hos Anna"', () => {
    expect(placeText(t, 'home', { self: true })).toBe('Hemma hos dig');
    expect(placeText(t, 'home', { self: false, subjectName: 'Anna' })).toBe('Hemma hos \u2068Anna\u2069');
    expect(placeText(t, 'home', { self: false })).toBe('Hemma hos personen');
  });

  it('the other kinds read the same for everyone, without the request form\'s hint', () => {
    expect(placeText(t, 'service', { self: false, subjectName: 'Anna' })).toBe('Hos en verksamhet');
    expect(placeText(translator('en'), 'digital', { self: true })).toBe('Online, by video');
    expect(placeText(t, 'nonsense', { self: true })).toBe('Någon annanstans');
  });
});

describe('a text written for inside a sentence starts with a capital where it stands alone', () => {
  it('in the reader\'s language, and leaves scripts without case alone', () => {
    expect(capitalize('målen är uppnådda', 'sv')).toBe('Målen är uppnådda');
    expect(capitalize('işte', 'tr')).toBe('İşte');
    expect(capitalize('سبب آخر', 'ar')).toBe('سبب آخر');
    expect(capitalize('', 'sv')).toBe('');
  });
});
