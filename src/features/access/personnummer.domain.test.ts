import { describe, expect, it } from 'vitest';
import { ageOn, luhnCheckDigit, maskIdentityNumber, parseIdentityNumber } from './personnummer.domain.ts';

const today = new Date('2026-11-23T12:00:00Z');
const parse = (s: string) => parseIdentityNumber(s, today);

describe('parseIdentityNumber', () => {
  it.each([
    ['811218-9876', '198112189876'],
    ['8112189876', '198112189876'],
    ['19811218-9876', '198112189876'],
    ['198112189876', '198112189876'],
    ['  811218-9876 ', '198112189876'],
  ])('accepts %j as %s', (input, canonical) => {
    const r = parse(input);
    expect(r).toEqual({ ok: true, value: { canonical, kind: 'personnummer', birthDate: '1981-12-18' } });
  });

  it('uses + for people 100 or older', () => {
    const r = parse('121212+1212');
    expect(r.ok && r.value.canonical).toBe('191212121212');
    expect(parse('121212-1212').ok && (parse('121212-1212') as { value: { canonical: string } }).value.canonical).toBe('201212121212');
  });

  it('puts a 10-digit number born later this year in the last century', () => {
    // 2026-12-01 has not happened yet on 2026-11-23.
    const digits = `261201${'123'}`;
    const r = parse(`${digits}${luhnCheckDigit(digits)}`);
    expect(r.ok && r.value.birthDate).toBe('1926-12-01');
  });

  it('recognises a samordningsnummer (day + 60) and gives the real birth date', () => {
    const digits = '701063238';
    const r = parse(`${digits}${luhnCheckDigit(digits)}`);
    expect(r).toMatchObject({ ok: true, value: { kind: 'samordningsnummer', birthDate: '1970-10-03' } });
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['81121-89876', 'invalidFormat'],
    ['811218/9876', 'invalidFormat'],
    ['19811218+9876', 'invalidFormat'],
    ['abcdefghij', 'invalidFormat'],
    ['8112189877', 'invalidChecksum'],
    ['811318-9870', 'invalidDate'],
    ['810230-9870', 'invalidDate'],
    ['20991231-1234', 'invalidDate'],
  ])('refuses %j (%s)', (input, error) => {
    expect(parse(input)).toEqual({ ok: false, error });
  });

  it('accepts 29 February only in a leap year', () => {
    const leap = '000229123';
    expect(parse(`20${leap}${luhnCheckDigit(leap)}`).ok).toBe(true);
    const notLeap = '010229123';
    expect(parse(`20${notLeap}${luhnCheckDigit(notLeap)}`)).toEqual({ ok: false, error: 'invalidDate' });
  });
});

describe('ageOn', () => {
  it('counts whole years, turning on the birthday', () => {
    expect(ageOn('2011-11-23', today)).toBe(15);
    expect(ageOn('2011-11-24', today)).toBe(14);
    expect(ageOn('2008-11-23', today)).toBe(18);
    expect(ageOn('2008-11-24', today)).toBe(17);
  });
});

describe('maskIdentityNumber', () => {
  it('hides the last four digits', () => {
    expect(maskIdentityNumber('198112189876')).toBe('19811218-****');
  });
});
