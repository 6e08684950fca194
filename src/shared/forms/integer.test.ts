import { describe, expect, it } from 'vitest';
import { MAX_INT4, integerOrUndefined, isInt4, parseInteger, rawField } from './integer.ts';

describe('whole numbers from forms', () => {
  it('reads a plain whole number within the range', () => {
    expect(parseInteger('1')).toEqual({ ok: true, value: 1 });
    expect(parseInteger('0')).toEqual({ ok: true, value: 0 });
    expect(parseInteger(String(MAX_INT4))).toEqual({ ok: true, value: MAX_INT4 });
    expect(parseInteger('-5', { min: -10 })).toEqual({ ok: true, value: -5 });
    expect(parseInteger('-0', { min: -1 })).toEqual({ ok: true, value: 0 });
  });

  it.each([
    ['abc', 'notInteger'],
    ['1.5', 'notInteger'],
    ['1e3', 'notInteger'],
    [' 1', 'notInteger'],
    ['1 ', 'notInteger'],
    ['+1', 'notInteger'],
    ['0x10', 'notInteger'],
    ['NaN', 'notInteger'],
    ['Infinity', 'notInteger'],
    ['１', 'notInteger'],
    ['99999999999999999999', 'notInteger'],
    ['', 'required'],
    ['-1', 'tooSmall'],
    ['99999999999', 'tooLarge'],
    [String(MAX_INT4 + 1), 'tooLarge'],
  ])('refuses %j as %s', (raw, code) => {
    expect(parseInteger(raw)).toEqual({ ok: false, code });
  });

  it('refuses a missing value as required, and keeps to the given range', () => {
    expect(parseInteger(null)).toEqual({ ok: false, code: 'required' });
    expect(parseInteger(undefined)).toEqual({ ok: false, code: 'required' });
    expect(parseInteger('0', { min: 1 })).toEqual({ ok: false, code: 'tooSmall' });
    expect(parseInteger('11', { max: 10 })).toEqual({ ok: false, code: 'tooLarge' });
  });

  it('gives undefined for anything but a whole number in range', () => {
    expect(integerOrUndefined('3')).toBe(3);
    for (const raw of ['abc', '1.5', '99999999999', '-1', '', ' 1', '1e3']) expect(integerOrUndefined(raw), raw).toBeUndefined();
  });

  it('reads a field as sent, untrimmed, and a file as empty', () => {
    const form = new FormData();
    form.set('version', ' 1');
    form.set('file', new Blob(['1']));
    expect(rawField(form, 'version')).toBe(' 1');
    expect(rawField(form, 'file')).toBe('');
    expect(rawField(form, 'missing')).toBe('');
  });

  it('tells which numbers an integer column takes', () => {
    expect(isInt4(1)).toBe(true);
    expect(isInt4(-MAX_INT4 - 1)).toBe(true);
    for (const n of [Number.NaN, 1.5, 99_999_999_999, Infinity, MAX_INT4 + 1]) expect(isInt4(n), String(n)).toBe(false);
  });
});
