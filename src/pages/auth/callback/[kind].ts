import type { APIRoute } from 'astro';
import { loadConfig } from '../../../shared/server/config.ts';
import { getDatabase } from '../../../shared/server/db.ts';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '../../../shared/server/cookies.ts';
import { systemClock } from '../../../shared/time/clock.ts';
import { isLocale, negotiateLocale } from '../../../shared/i18n/locales.ts';
import { finishLogin } from '../../../features/access/login.service.ts';

/** Where the provider sends the browser back. Tampered, replayed or expired logins end on the login page. */
export const GET: APIRoute = async ({ params, url, cookies, redirect, rewrite, request }) => {
  const kind = params.kind;
  const config = loadConfig();
  if ((kind !== 'citizen' && kind !== 'staff') || !config.oidc) return rewrite('/404');
  const { db } = await getDatabase();
  const result = await finishLogin(
    db,
    config.oidc,
    { kind, callbackUrl: new URL(`${url.pathname}${url.search}`, config.publicUrl), cookieValue: cookies.get(SESSION_COOKIE)?.value },
    systemClock,
  );
  // Without a login attempt (replayed or foreign callback) the language comes from the browser.
  const locale = isLocale(result.locale) ? result.locale : negotiateLocale(request.headers.get('accept-language'));
  if (result.outcome === 'session') {
    setSessionCookie(cookies, result.token);
    return redirect(result.returnTo, 302);
  }
  // No login was started in this browser (a forged or replayed link, or another site's image tag): the
  // session it may hold stays. Clearing it here let any site log a person out (logout CSRF).
  if (result.outcome === 'noLogin') return redirect(`/${locale}/login?error=failed`, 302);
  // The one-time login cookie is spent.
  clearSessionCookie(cookies);
  if (result.outcome === 'noAccount') return redirect(`/${locale}/no-account`, 302);
  if (result.outcome === 'protectedIdentity') return redirect(`/${locale}/protected-identity`, 302);
  return redirect(`/${locale}/login?error=failed`, 302);
};
