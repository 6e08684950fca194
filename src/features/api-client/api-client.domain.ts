/**
 * API clients: systems (a journal system, a municipality's case system) that read plans through the FHIR
 * API with OAuth 2.0 client credentials (RFC 6749 §4.4). An admin issues a client for one principal; its
 * secret is shown once and stored as a SHA-256 hash, as session secrets are (session.domain.ts). The
 * token endpoint hands out short-lived opaque bearer tokens of the same shape as session tokens.
 * Pure: parsing what a client sends, and validating what an admin types.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { Issues, type Validated } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { hashSecret } from '../access/session.domain.ts';

/** A bearer token lives this long; the client asks again (RFC 6749 `expires_in`). */
export const TOKEN_LIFETIME_SECONDS = 300;
export const CLIENT_NAME_MAX = 120;

/** A fresh client secret (160 random bits, base32) and the hash to store. */
export function newClientSecret(): { secret: string; hash: Uint8Array } {
  const secret = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  return { secret, hash: hashSecret(secret) };
}

/** Errors of the token endpoint (RFC 6749 §5.2). */
export type TokenError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * `Authorization: Basic …` as RFC 6749 §2.3.1 wants it: base64 of `id:secret`, each part
 * form-urlencoded first. Undefined without a Basic header; 'malformed' when it cannot be read.
 */
export function basicCredentials(header: string | null): ClientCredentials | 'malformed' | undefined {
  if (!header || !/^Basic\b/i.test(header)) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!m) return 'malformed';
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(m[1]!), (c) => c.charCodeAt(0)));
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'malformed';
    const decode = (s: string) => decodeURIComponent(s.replaceAll('+', ' '));
    return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

export type TokenRequest = { ok: true; credentials: ClientCredentials; basic: boolean } | { ok: false; error: TokenError; basic: boolean };

/**
 * Reads a token request: grant_type must be client_credentials; the client authenticates either with
 * HTTP Basic (client_secret_basic) or with client_id and client_secret in the body (client_secret_post),
 * never both (RFC 6749 §2.3). Parameters may not repeat (§3.2).
 */
export function readTokenRequest(authorization: string | null, form: URLSearchParams): TokenRequest {
  const basic = basicCredentials(authorization);
  const isBasic = basic !== undefined;
  const once = (name: string) => (form.getAll(name).length > 1 ? null : (form.get(name) ?? undefined));
  const grant = once('grant_type');
  const postedId = once('client_id');
  const postedSecret = once('client_secret');
  if (grant === null || postedId === null || postedSecret === null || grant === undefined) return { ok: false, error: 'invalid_request', basic: isBasic };
  if (grant !== 'client_credentials') return { ok: false, error: 'unsupported_grant_type', basic: isBasic };
  if (basic === 'malformed') return { ok: false, error: 'invalid_client', basic: true };
  if (basic) {
    if (postedSecret !== undefined) return { ok: false, error: 'invalid_request', basic: true };
    return { ok: true, credentials: basic, basic: true };
  }
  if (postedId === undefined || postedSecret === undefined) return { ok: false, error: 'invalid_client', basic: false };
  return { ok: true, credentials: { clientId: postedId, clientSecret: postedSecret }, basic: false };
}

/** The token in `Authorization: Bearer <token>` (RFC 6750 §2.1); undefined without one. */
export function bearerToken(header: string | null): string | undefined {
  const m = header ? /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header) : null;
  return m?.[1];
}

export interface ClientInput {
  name: string;
  principalId: string;
}

/** What an admin types to issue a client: a name people recognise (shown in the access log) and a principal. */
export function validateClient(raw: { name: string; principalId: string }, principalIds: ReadonlySet<string>): Validated<ClientInput> {
  const issues = new Issues();
  const name = issues.textField('name', raw.name, CLIENT_NAME_MAX);
  if (raw.principalId === '') issues.add('principalId', 'required');
  else if (!isUuid(raw.principalId) || !principalIds.has(raw.principalId)) issues.add('principalId', 'unknown');
  return issues.result({ name, principalId: raw.principalId });
}
