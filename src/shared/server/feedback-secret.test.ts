import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.ts';
import { parseFeedbackSecret } from './feedback-secret.ts';

describe('FEEDBACK_POOL_KEY', () => {
  it('is required in production and must hold at least 32 bytes; demo mode has a fixed demo secret', () => {
    expect(() => parseFeedbackSecret({}, 'production')).toThrow(ConfigError);
    expect(() => parseFeedbackSecret({ FEEDBACK_POOL_KEY: 'ab'.repeat(31) }, 'production')).toThrow(/FEEDBACK_POOL_KEY/);
    expect(parseFeedbackSecret({ FEEDBACK_POOL_KEY: 'ab'.repeat(32) }, 'production')).toEqual(new Uint8Array(32).fill(0xab));
    expect(parseFeedbackSecret({ FEEDBACK_POOL_KEY: Buffer.alloc(32, 7).toString('base64') }, 'production')).toEqual(new Uint8Array(32).fill(7));
    expect(parseFeedbackSecret({}, 'demo')).toHaveLength(32);
    expect(parseFeedbackSecret({}, 'demo')).toEqual(parseFeedbackSecret({}, 'demo'));
  });

  it('never puts the value in its message', () => {
    const secret = 'cd'.repeat(20);
    try {
      parseFeedbackSecret({ FEEDBACK_POOL_KEY: secret }, 'production');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
