/**
 * Session tokens and expiry, as the Lucia guide describes (the `lucia` package itself is deprecated):
 * a token is `<id>.<secret>`; only the SHA-256 of the secret is stored, and it is compared in
 * constant time, so a leaked session table cannot be replayed. Sessions end after 30 minutes without
 * activity and after 12 hours at most; activity is written at most once a minute.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export const SESSION_INACTIVITY_MS = 30 * 60 * 1000;
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** Activity is recorded at most this often, so a page view is not a database write. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export interface NewSessionToken {
  /** Sent to the browser in the cookie; never stored. */
  token: string;
  id: string;
  secretHash: Uint8Array;
}

function randomString(): string {
  // 20 random bytes → 32 base32 characters (160 bits).
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** A fresh token with its id and the hash to store. */
export function generateSessionToken(): NewSessionToken {
  const id = randomString();
  const secret = randomString();
  return { token: `${id}.${secret}`, id, secretHash: hashSecret(secret) };
}

const TOKEN = /^([a-z2-7]{32})\.([a-z2-7]{32})$/;

/** Splits a cookie value into id and secret, or undefined for anything malformed. */
export function parseSessionToken(token: string | undefined): { id: string; secret: string } | undefined {
  const m = token ? TOKEN.exec(token) : null;
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

/** Constant-time check of a presented secret against the stored hash. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  return presented.length === storedHash.length && constantTimeEqual(presented, storedHash);
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export type SessionState = 'valid' | 'touch' | 'expired';

/**
 * What to do with a session at `now`: `expired` after 30 minutes idle or 12 hours in all;
 * `touch` when it is valid but its last activity is over a minute old (record activity);
 * otherwise `valid`.
 */
export function sessionState(session: SessionTimes, now: Date): SessionState {
  const t = now.getTime();
  if (t - session.createdAt.getTime() >= SESSION_MAX_AGE_MS) return 'expired';
  if (t - session.lastSeenAt.getTime() >= SESSION_INACTIVITY_MS) return 'expired';
  if (t - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) return 'touch';
  return 'valid';
}

/** When the cookie should stop being sent: the earlier of the idle and the absolute limit. */
export function sessionExpiresAt(session: SessionTimes): Date {
  return new Date(
    Math.min(session.lastSeenAt.getTime() + SESSION_INACTIVITY_MS, session.createdAt.getTime() + SESSION_MAX_AGE_MS),
  );
}
