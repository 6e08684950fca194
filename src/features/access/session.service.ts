/**
 * Session use cases: start one at login, validate the cookie on every request, end it at logout.
 * A token that is malformed, unknown, wrong or expired simply means "not logged in".
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { generateSessionToken, parseSessionToken, secretMatches, sessionExpiresAt, sessionState } from './session.domain.ts';
import { deleteSession, findSession, insertSession, touchSession, type SessionOwner } from './session.repository.ts';

export type { SessionOwner } from './session.repository.ts';

export interface ValidSession {
  id: string;
  owner: SessionOwner;
  /** When the cookie should expire (idle or absolute limit, whichever comes first). */
  expiresAt: Date;
  /** The owner's name as read with the session; undefined when the account is gone or disabled. */
  ownerName?: string;
  /** A person's personal identity number, read with the session (never put in a URL or a log). */
  ownerPersonalIdentityNumber?: string;
}

/** Starts a new session (always a new id: never reuse one from before login). Returns the cookie value. */
export async function startSession(db: Kysely<Database>, owner: SessionOwner, clock: Clock): Promise<{ token: string; expiresAt: Date }> {
  const { token, id, secretHash } = generateSessionToken();
  const at = clock.now();
  await insertSession(db, { id, secretHash, owner, at });
  return { token, expiresAt: sessionExpiresAt({ createdAt: at, lastSeenAt: at }) };
}

/** The session a cookie value stands for, or undefined. Expired sessions are deleted on sight. */
export async function validateSession(db: Kysely<Database>, token: string | undefined, clock: Clock): Promise<ValidSession | undefined> {
  return (await inspectSession(db, token, clock)).session;
}

/**
 * As validateSession, and for a genuine cookie whose session has just expired, whose it was (so a
 * form sent at that moment can be kept for the same person: see rescue.ts). The session is deleted.
 */
export async function inspectSession(db: Kysely<Database>, token: string | undefined, clock: Clock): Promise<{ session?: ValidSession; expiredOwner?: SessionOwner }> {
  const parsed = parseSessionToken(token);
  if (!parsed) return {};
  const row = await findSession(db, parsed.id);
  if (!row || !secretMatches(parsed.secret, new Uint8Array(row.secret_hash))) return {};
  const now = clock.now();
  const times = { createdAt: new Date(row.created_at), lastSeenAt: new Date(row.last_seen_at) };
  const owner: SessionOwner = row.person_id
    ? { kind: 'person', personId: row.person_id }
    : { kind: 'staff', staffAccountId: row.staff_account_id! };
  const state = sessionState(times, now);
  if (state === 'expired') {
    await deleteSession(db, row.id);
    return { expiredOwner: owner };
  }
  if (state === 'touch') {
    await touchSession(db, row.id, now);
    times.lastSeenAt = now;
  }
  return { session: { id: row.id, owner, expiresAt: sessionExpiresAt(times), ownerName: row.owner_name ?? undefined, ownerPersonalIdentityNumber: row.owner_pin ?? undefined } };
}

/** Ends a session on the server (logout). */
export async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}
