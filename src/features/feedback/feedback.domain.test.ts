import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answerQuarter, looksLikeToken, newToken, shuffled, tokenHash, validateAnswers, type Question } from './feedback.domain.ts';
import { feedbackKeys } from './feedback-keys.ts';

const questions: Question[] = [
  { key: 'informed', kind: 'scale', texts: null },
  { key: 'together', kind: 'scale', texts: null },
  { key: 'mattersMost', kind: 'text', texts: null },
];

describe('SIP-kollen rules', () => {
  it('answers are 1–5, "don\'t know" or left out; anything else is out of range', () => {
    expect(validateAnswers({ informed: '5', together: 'dontKnow', mattersMost: ' Att bli lyssnad på ' }, questions)).toEqual({ ok: true, value: { answers: { informed: 5, together: 'dontKnow' }, freeText: 'Att bli lyssnad på' } });
    fc.assert(
      fc.property(fc.string(), (v) => {
        const r = validateAnswers({ informed: v, together: '3' }, questions);
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

  it('an empty form is refused (it would use up the link and say nothing), with the message on the first question', () => {
    expect(validateAnswers({}, questions)).toEqual({ ok: false, issues: [{ field: 'informed', code: 'empty' }] });
    expect(validateAnswers({ informed: ' ', mattersMost: '  ' }, questions)).toEqual({ ok: false, issues: [{ field: 'informed', code: 'empty' }] });
    expect(validateAnswers({ together: 'dontKnow' }, questions).ok).toBe(true);
    expect(validateAnswers({ mattersMost: 'Bra' }, questions).ok).toBe(true);
  });

  it('a released answer keeps only the quarter, in Swedish time', () => {
    expect(answerQuarter(new Date('2027-03-31T22:30:00Z'))).toBe('2027-Q2');
    expect(answerQuarter(new Date('2027-03-31T21:30:00Z'))).toBe('2027-Q1');
    expect(answerQuarter(new Date('2026-12-31T22:59:00Z'))).toBe('2026-Q4');
  });

  it('a batch is shuffled: every order can come out, each item exactly once', () => {
    fc.assert(fc.property(fc.array(fc.nat()), (xs) => [...shuffled(xs)].sort((a, b) => a - b).join() === [...xs].sort((a, b) => a - b).join()));
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(shuffled([1, 2, 3]).join());
    expect(seen.size).toBe(6);
  });

  it('a pooled answer opens only with the same key and agreement; the used mark is a keyed MAC of the invitation id', () => {
    const keys = feedbackKeys(new Uint8Array(32).fill(7));
    const other = feedbackKeys(new Uint8Array(32).fill(8));
    const answer = { answers: { informed: 4 as const }, freeText: 'Att någon ringer' };
    const sealed = keys.seal(answer, 'a1');
    expect(sealed).not.toContain('ringer');
    expect(keys.seal(answer, 'a1')).not.toBe(sealed);
    expect(keys.open(sealed, 'a1')).toEqual(answer);
    expect(() => keys.open(sealed, 'a2')).toThrow();
    expect(() => other.open(sealed, 'a1')).toThrow();
    expect(keys.mac('inv-1')).toBe(keys.mac('inv-1'));
    expect(keys.mac('inv-1')).not.toBe(other.mac('inv-1'));
    expect(keys.mac('inv-1')).toMatch(/^[0-9a-f]{64}$/);
    expect(() => feedbackKeys(new Uint8Array(31))).toThrow();
  });
});
