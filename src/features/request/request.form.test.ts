import { describe, expect, it } from 'vitest';
import { readStep } from './request.form.ts';

const press = (intent: string) => {
  const form = new FormData();
  form.set('intent', intent);
  return readStep('contacts', form);
};

describe('the contacts step form', () => {
  it('reads "remove" with the row it names', () => {
    expect(press('remove-2')).toEqual({ step: 'contacts', intent: 'remove', index: 2 });
  });

  it('removes no row for a row number that is not a whole number (a changed button value)', () => {
    for (const junk of ['abc', '1.5', '1e3', ' 1', '', '-1', '99999999999']) {
      expect(press(`remove-${junk}`), junk).toEqual({ step: 'contacts', intent: 'remove', index: -1 });
    }
  });
});
