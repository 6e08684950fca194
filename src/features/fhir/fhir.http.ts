/**
 * The HTTP side of the FHIR API: who is asking (a bearer token of an API client, else the person's or
 * staff member's session, as on the pages), answers as `application/fhir+json`, and every error as an
 * OperationOutcome — a refusal exactly as a missing record (404), never an HTML page or a 500 for bad input.
 */
import type { APIContext } from 'astro';
import { getDatabase } from '../../shared/server/db.ts';
import { loadConfig } from '../../shared/server/config.ts';
import { logger } from '../../shared/server/logger.ts';
import { isDatabaseUnavailable } from '../../shared/server/database.ts';
import { systemClock } from '../../shared/time/clock.ts';
import { AccessDenied, type Actor } from '../access/access.domain.ts';
import { currentActor } from '../access/guard.ts';
import { bearerToken } from '../api-client/api-client.domain.ts';
import { systemActor } from '../api-client/api-client.service.ts';
import { FHIR_JSON, operationOutcome, type OutcomeCode } from './fhir.domain.ts';

/** A FHIR JSON answer; never cached (personal data). */
export function fhirJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store', ...headers } });
}

export function outcome(status: number, code: OutcomeCode, diagnostics: string, headers: Record<string, string> = {}): Response {
  return fhirJson(status, operationOutcome(code, diagnostics), headers);
}

/** The API's own address, for the Bundle's fullUrl. */
export function apiBase(): string {
  return `${new URL(loadConfig().publicUrl).origin}/api/fhir/R4`;
}

/** The caller: an API client by its bearer token, or the session's person or staff member; else a 401. */
export async function apiActor(context: APIContext): Promise<{ actor: Actor; response?: undefined } | { response: Response }> {
  const authorization = context.request.headers.get('authorization');
  if (authorization) {
    const token = bearerToken(authorization);
    const actor = token ? await systemActor((await getDatabase()).db, systemClock, token) : undefined;
    if (actor) return { actor };
    return { response: outcome(401, 'login', 'The access token is missing, malformed, expired or revoked.', { 'WWW-Authenticate': 'Bearer realm="sip-portalen", error="invalid_token"' }) };
  }
  if (context.locals.session) return { actor: (await currentActor(context.locals)).actor };
  return { response: outcome(401, 'login', 'Log in, or send an access token from /api/oauth/token.', { 'WWW-Authenticate': 'Bearer realm="sip-portalen"' }) };
}

/**
 * Runs a read for the caller: its result as 200, or the Response it returns (a 400); a refusal or a
 * missing record is the same 404; an unexpected error is logged and a 500.
 */
export async function answer(context: APIContext, read: (actor: Actor) => Promise<unknown>): Promise<Response> {
  try {
    const who = await apiActor(context);
    if (who.response) return who.response;
    const result = await read(who.actor);
    return result instanceof Response ? result : fhirJson(200, result);
  } catch (error) {
    if (error instanceof AccessDenied) return outcome(404, 'not-found', 'No such resource.');
    if (isDatabaseUnavailable(error)) return outcome(503, 'exception', 'The service is unavailable; try again shortly.', { 'Retry-After': '5' });
    logger.error({ requestId: context.locals.requestId, err: { name: (error as Error).name, message: (error as Error).message } }, 'fhir request failed');
    return outcome(500, 'exception', 'Something went wrong.');
  }
}

/** Other methods on a read-only resource. */
export const readOnly = () => outcome(405, 'not-supported', 'This API is read-only.', { Allow: 'GET' });
