import { describe, expect, it } from 'vitest';
import { childMustConsent, consentCapacity, consentRequirements, isChild, requestReference, statusAfterConsents } from './consent.domain.ts';

const base = { submitterPersonId: 'me', subjectPersonId: 'sub', subjectBirthDate: '1980-01-01', guardianPersonIds: [] as string[], now: new Date('2026-11-23T12:00:00Z') };

describe('a child’s own consent', () => {
  // Born 2011-11-23: 14 the day before, 15 on the day; 17 the day before 18.
  it.each([
    ['2026-11-22T12:00:00Z', '2011-11-23', false, true],
    ['2026-11-23T12:00:00Z', '2011-11-23', true, true],
    ['2026-11-23T12:00:00Z', '2009-11-24', true, true],
    ['2026-11-23T12:00:00Z', '2008-11-23', false, false],
    ['2026-11-23T12:00:00Z', '2012-06-01', false, true],
  ])('on %s a child born %s must consent: %s (still a child: %s)', (now, birth, must, child) => {
    expect(childMustConsent(birth, new Date(now))).toBe(must);
    expect(isChild(birth, new Date(now))).toBe(child);
  });
});

describe('who must consent', () => {
  it('the person asking for themselves consents as they send', () => {
    expect(consentRequirements({ ...base, submittedAs: 'self', subjectPersonId: 'me' })).toEqual([{ personId: 'me', role: 'subject', givenBySubmitter: true }]);
  });

  it('a relative cannot consent for the person: the person must', () => {
    expect(consentRequirements({ ...base, submittedAs: 'relative' })).toEqual([{ personId: 'sub', role: 'subject', givenBySubmitter: false }]);
  });

  it('a legal representative consents for the person they represent', () => {
    expect(consentRequirements({ ...base, submittedAs: 'representative' })).toEqual([{ personId: 'me', role: 'representative', givenBySubmitter: true }]);
  });

  it('for a child of 12 every registered guardian consents, the sender at once', () => {
    const r = consentRequirements({ ...base, submittedAs: 'guardian', subjectBirthDate: '2014-03-10', guardianPersonIds: ['other', 'me'] });
    expect(r).toEqual([
      { personId: 'me', role: 'guardian', givenBySubmitter: true },
      { personId: 'other', role: 'guardian', givenBySubmitter: false },
    ]);
  });

  it('for a child of 16 the child consents too', () => {
    const r = consentRequirements({ ...base, submittedAs: 'guardian', subjectBirthDate: '2010-06-05', guardianPersonIds: ['me'] });
    expect(r).toEqual([
      { personId: 'me', role: 'guardian', givenBySubmitter: true },
      { personId: 'sub', role: 'subject', givenBySubmitter: false },
    ]);
  });
});

describe('status and capacity', () => {
  it('a request waits while any consent is missing', () => {
    expect(statusAfterConsents([{ satisfied: true }, { satisfied: false }])).toBe('awaitingConsent');
    expect(statusAfterConsents([{ satisfied: true }])).toBe('sent');
  });

  it('a delegate (relative with read access) can neither give nor withdraw consent', () => {
    expect(consentCapacity('delegate')).toBeUndefined();
    expect(consentCapacity('none')).toBeUndefined();
    expect(consentCapacity('guardian')).toBe('guardian');
  });
});

describe('reference', () => {
  it('is SIP- and two groups of four unambiguous characters', () => {
    expect(requestReference(new Uint8Array([0, 1, 2, 3, 31, 32, 33, 255]))).toBe('SIP-0123-Z01Z');
    expect(requestReference(crypto.getRandomValues(new Uint8Array(8)))).toMatch(/^SIP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});
