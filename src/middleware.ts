/**
 * Every request passes here: request id and a JSON access log line (no personal data: path only,
 * never the query string), the page language, the 404 for unknown language segments, body limits,
 * and the security headers.
 */
import { defineMiddleware } from 'astro:middleware';
import type { APIContext } from 'astro';
import { getDatabase } from './shared/server/db.ts';
import { SESSION_COOKIE, clearSessionCookie } from './shared/server/cookies.ts';
import { systemClock } from './shared/time/clock.ts';
import { consume, limitFor } from './shared/server/rate-limit.ts';
import { inspectSession } from './features/access/session.service.ts';
import { isRescuable, keepForm } from './features/access/rescue.ts';
import { readForm } from './shared/forms/form.ts';
import { AccessDenied } from './features/access/access.domain.ts';
import { loadConfig } from './shared/server/config.ts';
import { logger } from './shared/server/logger.ts';
import { checkBody, contentSecurityPolicy, isForbiddenCrossSite, isNonLocalePath, isPublicPage, loggedPath, requestIdFrom, rewriteTarget, securityHeaders, takesNoCookies } from './shared/server/http.ts';
import { PAGE_CACHE_HEADER } from './shared/server/page-cache.ts';
import { isDatabaseUnavailable } from './shared/server/database.ts';
import { DEFAULT_LOCALE, localeFromPath } from './shared/i18n/locales.ts';
import { translator } from './shared/i18n/i18n.ts';

/** Counts the request against its rate limit; the seconds to wait when over it. */
function rateLimited(context: APIContext): Promise<number | undefined> {
  const kind = limitFor(context.request.method, context.url.pathname);
  return kind ? consume(kind, context.clientAddress, context.request.headers.get('x-forwarded-for')) : Promise.resolve(undefined);
}

/** Reads the session cookie and, when it names a live session, puts it and the user on locals. */
async function resolveSession(context: APIContext): Promise<{ kept: true } | void> {
  if (takesNoCookies(context.url.pathname)) return;
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (!token || token.startsWith('L')) return;
  const { db } = await getDatabase();
  const { session, expiredOwner } = await inspectSession(db, token, systemClock);
  if (!session) {
    // A forged, old or expired cookie: anonymous, and the browser is told to forget it.
    clearSessionCookie(context.cookies);
    // The session ran out while this form was being written: keep it for the same person, ask them to log in.
    if (expiredOwner && context.request.method === 'POST' && isRescuable(context.url.pathname)) {
      const form = await readForm(context.request.clone());
      await keepForm(db, expiredOwner, context.url.pathname, form, systemClock.now());
      return { kept: true };
    }
    return;
  }
  const name = session.ownerName;
  if (!name) return;
  context.locals.session = session;
  context.locals.user = { kind: session.owner.kind, name };
}

/** Gives a rewritten error page its own status (a rewrite keeps the status of the page it renders). */
function withStatus(response: Response, status: number): Response {
  return new Response(response.body, { status, headers: response.headers });
}

export const onRequest = defineMiddleware(async (context, next) => {
  const started = performance.now();
  const config = loadConfig();
  const { pathname } = context.url;
  const requestId = requestIdFrom(context.request.headers.get('x-request-id'));
  const locale = localeFromPath(pathname) ?? DEFAULT_LOCALE;
  context.locals.requestId = requestId;
  context.locals.locale = locale;
  context.locals.t = translator(locale);

  let response: Response;
  let retryAfter: number | undefined;
  try {
    const body = checkBody(context.request.method, context.request.headers, config.maxBodyBytes);
    if (isForbiddenCrossSite(context.request.method, context.request.headers, context.url.origin, pathname)) {
      response = new Response(`Cross-site ${context.request.method} form submissions are forbidden`, { status: 403 });
    } else if (!isNonLocalePath(pathname) && !localeFromPath(pathname)) {
      response = withStatus(await next(rewriteTarget(context, '/404')), 404);
    } else if (body === 'tooLarge') {
      response = withStatus(await next(`/${locale}/too-large`), 413);
    } else if (body === 'lengthRequired') {
      response = withStatus(await next(`/${locale}/too-large`), 411);
    } else if ((retryAfter = await rateLimited(context))) {
      response = withStatus(await next(`/${locale}/too-many-requests`), 429);
      response.headers.set('Retry-After', String(retryAfter));
    } else if ((await resolveSession(context))?.kept) {
      // What was written is kept: log in again and come back to it.
      const back = encodeURIComponent(pathname);
      response = context.redirect(`/${locale}/login?return=${back}&kept=1`, 303);
    } else {
      response = await next();
    }
  } catch (error) {
    if (error instanceof AccessDenied) {
      // A service refused: the same 404 as a record that does not exist.
      response = withStatus(await next(rewriteTarget(context, '/404')), 404);
    } else {
      logger.error({ requestId, err: { name: (error as Error).name, message: (error as Error).message } }, 'request failed');
      if (!isDatabaseUnavailable(error)) throw error;
      // The database is down or restarting: a localized 503 with Retry-After; the pool reconnects by itself.
      response = withStatus(await next(rewriteTarget(context, `/${locale}/unavailable`)), 503);
    }
  }

  // Some responses (Response.redirect, fetch) have immutable headers: copy those into a fresh one.
  try {
    response.headers.set('X-Request-Id', requestId);
  } catch {
    response = new Response(response.body, response);
  }
  for (const [name, value] of Object.entries(securityHeaders(config.mode === 'production'))) {
    response.headers.set(name, value);
  }
  response.headers.set('Content-Security-Policy', contentSecurityPolicy(response.headers.get('Content-Security-Policy')));
  if (response.status === 200 && context.request.method === 'GET' && isPublicPage(pathname)) {
    response.headers.set(PAGE_CACHE_HEADER, 'public');
  }
  // Anything but a public page seen anonymously may be personal (an API client's secret is shown once):
  // no copy in the browser's cache or a proxy's, for the back button on a shared computer after logout.
  if (!isPublicPage(pathname) || context.locals.user) response.headers.set('Cache-Control', 'no-store');
  response.headers.set('X-Request-Id', requestId);
  logger.info(
    { requestId, method: context.request.method, path: loggedPath(pathname), status: response.status, ms: Math.round(performance.now() - started) },
    'request',
  );
  return response;
});
