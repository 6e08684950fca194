import { describe, expect, it } from 'vitest';
import {
  SESSION_INACTIVITY_MS,
  SESSION_MAX_AGE_MS,
  generateSessionToken,
  parseSessionToken,
  secretMatches,
  sessionExpiresAt,
  sessionState,
} from './session.domain.ts';

describe('session tokens', () => {
  it('are id.secret, and only the hash of the secret is kept', () => {
    const { token, id, secretHash } = generateSessionToken();
    const parsed = parseSessionToken(token);
    expect(parsed?.id).toBe(id);
    expect(token).not.toContain(Buffer.from(secretHash).toString('hex'));
    expect(secretMatches(parsed!.secret, secretHash)).toBe(true);
  });

  it('are different every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateSessionToken().token));
    expect(tokens.size).toBe(200);
  });

  it('reject a wrong secret for a known id', () => {
    const a = generateSessionToken();
    const b = generateSessionToken();
    expect(secretMatches(parseSessionToken(b.token)!.secret, a.secretHash)).toBe(false);
  });

  it.each([undefined, '', 'abc', 'a.b', `${'a'.repeat(32)}.${'b'.repeat(31)}`, `${'A'.repeat(32)}.${'b'.repeat(32)}`, `${'a'.repeat(32)}.${'b'.repeat(32)}.c`])(
    'treat the malformed cookie %j as no session',
    (value) => {
      expect(parseSessionToken(value)).toBeUndefined();
    },
  );
});

describe('sessionState', () => {
  const created = new Date('2026-11-23T08:00:00Z');
  const at = (ms: number) => new Date(created.getTime() + ms);

  it('is valid right after login and asks for a touch after a minute', () => {
    expect(sessionState({ createdAt: created, lastSeenAt: created }, at(30_000))).toBe('valid');
    expect(sessionState({ createdAt: created, lastSeenAt: created }, at(61_000))).toBe('touch');
  });

  it('expires after 30 minutes without activity', () => {
    expect(sessionState({ createdAt: created, lastSeenAt: created }, at(SESSION_INACTIVITY_MS - 1))).toBe('touch');
    expect(sessionState({ createdAt: created, lastSeenAt: created }, at(SESSION_INACTIVITY_MS))).toBe('expired');
  });

  it('expires after 12 hours even when active', () => {
    const lastSeen = at(SESSION_MAX_AGE_MS - 1000);
    expect(sessionState({ createdAt: created, lastSeenAt: lastSeen }, at(SESSION_MAX_AGE_MS - 500))).toBe('valid');
    expect(sessionState({ createdAt: created, lastSeenAt: lastSeen }, at(SESSION_MAX_AGE_MS))).toBe('expired');
  });

  it('gives the cookie the earlier of the two limits', () => {
    expect(sessionExpiresAt({ createdAt: created, lastSeenAt: created })).toEqual(at(SESSION_INACTIVITY_MS));
    expect(sessionExpiresAt({ createdAt: created, lastSeenAt: at(SESSION_MAX_AGE_MS - 60_000) })).toEqual(at(SESSION_MAX_AGE_MS));
  });
});
