/**
 * FEEDBACK_POOL_KEY: the secret behind SIP-kollen's pool and "used" marks (docs/feedback-anonymity.md).
 * It must not be stored in the database (whoever reads the database must not read it), so it is not part
 * of `loadConfig`: only the commands that open or seal answers read it — the server and `npm run jobs`.
 */
import { createHash } from 'node:crypto';
import { ConfigError, loadConfig, type SipMode } from './config.ts';

type Env = Record<string, string | undefined>;

const MIN_BYTES = 32;

/**
 * The secret from the environment: 64 or more hex digits, or base64 of 32 or more bytes. Required in
 * production; demo mode without it uses a fixed demo secret (demo data is invented).
 */
export function parseFeedbackSecret(env: Env, mode: SipMode): Uint8Array {
  const value = env.FEEDBACK_POOL_KEY?.trim();
  if (!value) {
    if (mode === 'demo') return createHash('sha256').update('sip-portalen demo SIP-kollen secret').digest();
    throw new ConfigError('FEEDBACK_POOL_KEY', 'must be set when SIP_MODE=production (32 random bytes as hex or base64)');
  }
  const bytes = /^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0 ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (bytes.length < MIN_BYTES) throw new ConfigError('FEEDBACK_POOL_KEY', `must hold at least ${MIN_BYTES} bytes (64 hex digits or 44 base64 characters)`);
  return new Uint8Array(bytes);
}

let cached: Uint8Array | undefined;

/** The secret of this process (read once). */
export function feedbackSecret(): Uint8Array {
  cached ??= parseFeedbackSecret(process.env, loadConfig().mode);
  return cached;
}
