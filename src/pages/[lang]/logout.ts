import type { APIRoute } from 'astro';
import { getDatabase } from '../../shared/server/db.ts';
import { clearSessionCookie } from '../../shared/server/cookies.ts';
import { systemClock } from '../../shared/time/clock.ts';
import { logout } from '../../features/access/login.service.ts';

/** Logout ends the session on the server, then forgets the cookie. A POST (Origin-checked), never a link. */
export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  if (locals.session) await logout((await getDatabase()).db, locals.session, systemClock);
  clearSessionCookie(cookies);
  return redirect(`/${locals.locale}/`, 303);
};
