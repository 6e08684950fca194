import type { APIRoute } from 'astro';
import { loadConfig } from '../../../shared/server/config.ts';
import { getDatabase } from '../../../shared/server/db.ts';
import { setSessionCookie } from '../../../shared/server/cookies.ts';
import { logger } from '../../../shared/server/logger.ts';
import { systemClock } from '../../../shared/time/clock.ts';
import { startLogin } from '../../../features/access/login.service.ts';
import { safeReturnPath } from '../../../features/access/return-path.domain.ts';

/** Starts an OpenID Connect login (citizen: e-legitimation; staff: SITHS) and sends the browser to the provider. */
export const GET: APIRoute = async ({ params, url, locals, cookies, redirect, rewrite }) => {
  const kind = params.kind;
  if (kind !== 'citizen' && kind !== 'staff') return rewrite('/404');
  const config = loadConfig();
  const { locale } = locals;
  if (!config.oidc) return redirect(`/${locale}/login?error=unavailable`, 302);
  // The login cookie must be set on the address the provider sends the browser back to.
  if (url.origin !== new URL(config.publicUrl).origin) return redirect(`${config.publicUrl}${url.pathname}${url.search}`, 302);
  // No page asked for: /home sends each role to its own start page once logged in.
  const returnTo = safeReturnPath(url.searchParams.get('return'), `/${locale}/home`);
  try {
    const { db } = await getDatabase();
    const { redirectTo, cookieValue } = await startLogin(db, config.oidc, { kind, returnTo, locale, publicUrl: config.publicUrl }, systemClock);
    setSessionCookie(cookies, cookieValue, 600);
    return redirect(redirectTo, 302);
  } catch (error) {
    logger.warn({ requestId: locals.requestId, err: { message: (error as Error).message } }, 'login could not start');
    return redirect(`/${locale}/login?error=unavailable`, 302);
  }
};
