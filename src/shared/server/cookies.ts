/**
 * The portal's one cookie. `__Host-` binds it to this host (no Domain, Path=/, Secure); browsers
 * accept Secure cookies from http://localhost, so the demo works on loopback without TLS.
 * HttpOnly keeps it from scripts; SameSite=Lax keeps it off cross-site posts.
 */
import type { AstroCookies } from 'astro';

export const SESSION_COOKIE = '__Host-sip_session';

export function setSessionCookie(cookies: AstroCookies, value: string, maxAgeSeconds?: number): void {
  cookies.set(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}
