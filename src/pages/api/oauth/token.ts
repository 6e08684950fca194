/**
 * `POST /api/oauth/token`: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for API clients,
 * client_secret_basic or client_secret_post; errors as §5.2 says. Systems post here without an Origin and
 * without cookies: the middleware exempts this one path from the Origin check and never reads a session
 * here, so the exemption gives a forged cross-site form nothing to ride on.
 */
import type { APIRoute } from 'astro';
import { readTokenRequest } from '../../../features/api-client/api-client.domain.ts';
import { grantToken } from '../../../features/api-client/api-client.service.ts';
import { getDatabase } from '../../../shared/server/db.ts';
import { systemClock } from '../../../shared/time/clock.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers } });

const DESCRIPTIONS = {
  invalid_request: 'Send grant_type=client_credentials as application/x-www-form-urlencoded, with the client authenticated one way only.',
  invalid_client: 'Client authentication failed.',
  unsupported_grant_type: 'Only grant_type=client_credentials is supported.',
} as const;

function error(code: keyof typeof DESCRIPTIONS, basic: boolean): Response {
  // A failed client authentication is a 401; one tried through the Authorization header names its scheme (§5.2).
  if (code === 'invalid_client') return json(401, { error: code, error_description: DESCRIPTIONS[code] }, basic ? { 'WWW-Authenticate': 'Basic realm="sip-portalen"' } : {});
  return json(400, { error: code, error_description: DESCRIPTIONS[code] });
}

export const POST: APIRoute = async ({ request }) => {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return error('invalid_request', false);
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await request.text());
  } catch {
    return error('invalid_request', false);
  }
  const parsed = readTokenRequest(request.headers.get('authorization'), form);
  if (!parsed.ok) return error(parsed.error, parsed.basic);
  const granted = await grantToken((await getDatabase()).db, systemClock, parsed.credentials);
  if (!granted.ok) return error(granted.error, parsed.basic);
  return json(200, { access_token: granted.accessToken, token_type: 'Bearer', expires_in: granted.expiresIn });
};

export const ALL: APIRoute = () => json(405, { error: 'invalid_request', error_description: 'Use POST.' }, { Allow: 'POST' });
