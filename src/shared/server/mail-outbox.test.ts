import { describe, expect, it } from 'vitest';
import { failureReason, isPermanentRefusal, retryDelayMs } from './mail-outbox.ts';

describe('the mail outbox rules', () => {
  it('waits 30 seconds after the first failure, doubling each time, never more than an hour', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(retryDelayMs(500)).toBe(3_600_000);
    expect(retryDelayMs(0)).toBe(30_000);
  });

  it('gives up only when the mail server refuses for good (a 5xx answer)', () => {
    expect(isPermanentRefusal({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentRefusal({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    expect(isPermanentRefusal({ code: 'ESOCKET' })).toBe(false);
    expect(isPermanentRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPermanentRefusal(undefined)).toBe(false);
  });

  it('records codes only, never the server text that may name the address', () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 <frida@fk.example>"), { code: 'EENVELOPE', responseCode: 550 });
    expect(failureReason(error)).toBe('EENVELOPE 550');
    expect(failureReason(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(failureReason('weird')).toBe('ERROR');
  });
});
