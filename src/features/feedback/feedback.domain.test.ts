import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answerMonth, looksLikeToken, newToken, principalGroup, tokenHash, validateAnswers, visibleFreeTexts, type Question } from './feedback.domain.ts';

const questions: Question[] = [
  { key: 'informed', kind: 'scale', texts: null },
  { key: 'together', kind: 'scale', texts: null },
  { key: 'mattersMost', kind: 'text', texts: null },
];

describe('SIP-kollen rules', () => {
  it('answers are 1–5, "don\'t know" or left out; anything else is out of range', () => {
    expect(validateAnswers({ informed: '5', together: 'dontKnow', mattersMost: ' Att bli lyssnad på ' }, questions)).toEqual({ ok: true, value: { answers: { informed: 5, together: 'dontKnow' }, freeText: 'Att bli lyssnad på' } });
    expect(validateAnswers({}, questions)).toEqual({ ok: true, value: { answers: {}, freeText: '' } });
    fc.assert(
      fc.property(fc.string(), (v) => {
        const r = validateAnswers({ informed: v }, questions);
        const t = v.trim();
        return r.ok === (t === '' || t === 'dontKnow' || /^[1-5]$/.test(t));
      }),
    );
    expect(validateAnswers({ mattersMost: 'x'.repeat(2001) }, questions)).toEqual({ ok: false, issues: [{ field: 'mattersMost', code: 'tooLong', params: { max: 2000 } }] });
  });

  it('a token is random, given once; only its hash is kept', () => {
    const a = newToken();
    const b = newToken();
    expect(a.token).not.toBe(b.token);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(a.hash).toBe(tokenHash(a.token));
    expect(a.hash).not.toContain(a.token);
  });

  it('an answer keeps only the month, in Swedish time, and the principals sorted', () => {
    expect(answerMonth(new Date('2027-01-31T23:30:00Z'))).toBe('2027-02');
    expect(answerMonth(new Date('2027-01-31T22:30:00Z'))).toBe('2027-01');
    expect(principalGroup(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });

  it('free text only for groups of five or more, sorted by the text, never by time', () => {
    expect(visibleFreeTexts(4, ['b', 'a'])).toBeNull();
    expect(visibleFreeTexts(5, ['ö', 'b', '', 'a'])).toEqual(['a', 'b', 'ö']);
  });
});
