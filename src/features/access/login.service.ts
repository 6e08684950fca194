/**
 * Login and logout. A login is bound to the browser that started it: the checks (state, nonce, PKCE
 * verifier) stay on the server, and the browser holds only a one-time secret in the portal's single
 * cookie until it comes back. A person with protected personal data is stored nowhere; a staff identity
 * without an account created by an admin gets no session.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { OidcConfig } from '../../shared/server/config.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { beginLogin, completeLogin, type LoginKind } from './oidc.client.ts';
import { generateSessionToken, parseSessionToken, secretMatches } from './session.domain.ts';
import { endSession, startSession, type ValidSession } from './session.service.ts';
import { insertLoginAttempt, takeLoginAttempt } from './login.repository.ts';
import { findActiveStaffByHsaId, upsertPerson } from './account.repository.ts';
import { parseIdentityNumber } from './personnummer.domain.ts';

export const LOGIN_ATTEMPT_MAX_AGE_MS = 10 * 60 * 1000;
/** Login cookie values carry this prefix, so they can never pass for a session token. */
const LOGIN_PREFIX = 'L';

export function callbackUrl(publicUrl: string, kind: LoginKind): string {
  return `${publicUrl}/auth/callback/${kind}`;
}

/** Starts a login: returns where to send the browser and the value for its cookie. */
export async function startLogin(
  db: Kysely<Database>,
  oidc: OidcConfig,
  input: { kind: LoginKind; returnTo: string; locale: string; publicUrl: string },
  clock: Clock,
): Promise<{ redirectTo: string; cookieValue: string }> {
  const { url, checks } = await beginLogin(oidc[input.kind], callbackUrl(input.publicUrl, input.kind));
  const { token, id, secretHash } = generateSessionToken();
  await insertLoginAttempt(db, {
    id,
    secret_hash: secretHash,
    kind: input.kind,
    state: checks.state,
    nonce: checks.nonce,
    code_verifier: checks.codeVerifier,
    return_to: input.returnTo,
    locale: input.locale,
    created_at: clock.now(),
  });
  return { redirectTo: url.href, cookieValue: `${LOGIN_PREFIX}${token}` };
}

/**
 * `locale` is the one the login started in; undefined when no login attempt was found. `noLogin`: the
 * browser holds no login cookie (none was started here, or it holds a session), so it has nothing to lose.
 */
export type LoginResult =
  | { outcome: 'session'; token: string; returnTo: string; locale: string }
  | { outcome: 'noAccount' | 'protectedIdentity' | 'failed' | 'noLogin'; locale: string | undefined };

function text(claims: Record<string, unknown>, name: string): string | undefined {
  const v = claims[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Finishes a login at the callback. Never throws for bad input: every failure is `failed`. */
export async function finishLogin(
  db: Kysely<Database>,
  oidc: OidcConfig,
  input: { kind: LoginKind; callbackUrl: URL; cookieValue: string | undefined },
  clock: Clock,
): Promise<LoginResult> {
  if (!input.cookieValue?.startsWith(LOGIN_PREFIX)) return { outcome: 'noLogin', locale: undefined };
  const parsed = parseSessionToken(input.cookieValue.slice(1));
  const attempt = parsed ? await takeLoginAttempt(db, parsed.id) : undefined;
  const locale = attempt?.locale;
  if (!attempt || !secretMatches(parsed!.secret, new Uint8Array(attempt.secret_hash)) || attempt.kind !== input.kind) {
    return { outcome: 'failed', locale };
  }
  if (clock.now().getTime() - new Date(attempt.created_at).getTime() > LOGIN_ATTEMPT_MAX_AGE_MS) return { outcome: 'failed', locale };

  let claims: Record<string, unknown>;
  try {
    claims = await completeLogin(oidc[input.kind], input.callbackUrl, {
      state: attempt.state,
      nonce: attempt.nonce,
      codeVerifier: attempt.code_verifier,
    });
  } catch {
    return { outcome: 'failed', locale };
  }

  const now = clock.now();
  if (input.kind === 'citizen') {
    // Protected personal data: no digital handling, nothing stored — not even a session.
    if (claims[oidc.claims.protectedIdentity] === true || claims[oidc.claims.protectedIdentity] === 'true') {
      return { outcome: 'protectedIdentity', locale };
    }
    const number = text(claims, oidc.claims.personalIdentityNumber) ?? text(claims, oidc.claims.coordinationNumber);
    const identity = number ? parseIdentityNumber(number, now) : undefined;
    const givenName = text(claims, 'given_name');
    const familyName = text(claims, 'family_name');
    if (!identity?.ok || !givenName || !familyName) return { outcome: 'failed', locale };
    const token = await db.transaction().execute(async (trx) => {
      const personId = await upsertPerson(trx, {
        personalIdentityNumber: identity.value.canonical,
        givenName,
        familyName,
        birthDate: identity.value.birthDate,
      });
      await recordAudit(trx, { actor: { kind: 'person', id: personId }, action: 'session.login', subjectPersonId: personId, at: now });
      return (await startSession(trx, { kind: 'person', personId }, clock)).token;
    });
    return { outcome: 'session', token, returnTo: attempt.return_to, locale: attempt.locale };
  }

  const hsaId = text(claims, oidc.claims.hsaId);
  const staff = hsaId ? await findActiveStaffByHsaId(db, hsaId) : undefined;
  if (!staff) return { outcome: 'noAccount', locale };
  const token = await db.transaction().execute(async (trx) => {
    await recordAudit(trx, { actor: { kind: 'staff', id: staff.id }, action: 'session.login', at: now });
    return (await startSession(trx, { kind: 'staff', staffAccountId: staff.id }, clock)).token;
  });
  return { outcome: 'session', token, returnTo: attempt.return_to, locale: attempt.locale };
}

/** Ends the session on the server (logout). */
export async function logout(db: Kysely<Database>, session: ValidSession, clock: Clock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const actor = session.owner.kind === 'person' ? { kind: 'person' as const, id: session.owner.personId } : { kind: 'staff' as const, id: session.owner.staffAccountId };
    await recordAudit(trx, { actor, action: 'session.logout', at: clock.now() });
    await endSession(trx, session.id);
  });
}
