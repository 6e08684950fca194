/**
 * OpenID Connect with `openid-client`: authorization code flow with PKCE, state and nonce; the ID
 * token's signature, issuer, audience, expiry and nonce are checked by the library. One code path for
 * the demo provider and for production (plain http is allowed for loopback issuers only, which the
 * configuration refuses in production).
 */
import * as client from 'openid-client';
import type { OidcClientConfig } from '../../shared/server/config.ts';

export type LoginKind = 'citizen' | 'staff';

const configurations = new Map<string, Promise<client.Configuration>>();

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname.startsWith('127.') || url.hostname === '[::1]';
}

/** The provider's metadata (discovery), fetched once per issuer and client. */
function configuration(settings: OidcClientConfig): Promise<client.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}`;
  let pending = configurations.get(key);
  if (!pending) {
    const issuer = new URL(settings.issuer);
    pending = client
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        configurations.delete(key);
        throw error;
      });
    configurations.set(key, pending);
  }
  return pending;
}

export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Where to send the browser, and the checks to keep until it comes back. */
export async function beginLogin(settings: OidcClientConfig, redirectUri: string): Promise<{ url: URL; checks: LoginChecks }> {
  const config = await configuration(settings);
  const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
    // Always a fresh authentication: no silent single sign-on into health and social-care data
    // (and in the demo, the chooser shows every time).
    prompt: 'login',
  });
  return { url, checks };
}

/**
 * Exchanges the code for tokens and returns the ID token's claims. Throws on a tampered state or
 * nonce, a replayed or unknown code, an invalid or expired ID token, or an error from the provider.
 */
export async function completeLogin(settings: OidcClientConfig, callbackUrl: URL, checks: LoginChecks): Promise<Record<string, unknown>> {
  const config = await configuration(settings);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('No ID token');
  return claims as Record<string, unknown>;
}
