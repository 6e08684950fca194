/**
 * Small HTTP rules shared by the middleware: which paths carry no language segment, request ids,
 * body limits and the security headers sent with every response.
 */

import { isLocale } from '../i18n/locales.ts';

/** First path segments that are not languages (everything else must be a language or it is a 404). */
const NON_LOCALE_SEGMENTS = new Set(['', 'healthz', '_astro', 'favicon.svg', 'favicon.ico', 'robots.txt', 'auth', 'api', '404', '500']);

export function isNonLocalePath(pathname: string): boolean {
  return NON_LOCALE_SEGMENTS.has(pathname.split('/')[1] ?? '');
}

/** The public text pages (after the language segment): the same for every anonymous visitor. */
export const PUBLIC_PAGES = ['/', '/what-is-sip', '/for-relatives', '/request', '/request/manual', '/request/paper', '/accessibility', '/privacy', '/cookies'] as const;

/** The login pages: without a query string and a session also the same for every visitor. */
export const LOGIN_PAGES = ['/login', '/no-account', '/protected-identity'] as const;
const SHARED_PAGES: readonly string[] = [...PUBLIC_PAGES, ...LOGIN_PAGES];

/**
 * True for `/<lang>/<public or login page>`: a page the shared page cache may keep (see page-cache.ts). The first
 * segment must be a language: `/healthz` is not the start page of a language called "healthz" (cached,
 * it answered 200 for ever, even with the database down).
 */
export function isPublicPage(pathname: string): boolean {
  const match = /^\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match || !isLocale(match[1])) return false;
  return SHARED_PAGES.includes(match[2] || '/');
}

/**
 * A GET for an error page (404, 503), as a fresh request: rewriting with a path copies the original
 * request, and a POST whose form was already read cannot be copied (its body is used).
 */
export function rewriteTarget(context: { url: URL; request: Request }, path: string): Request {
  return new Request(new URL(path, context.url), { method: 'GET', headers: context.request.headers });
}

/**
 * Paths other systems post to without an Origin (the OAuth token endpoint). The middleware reads no
 * session cookie on them, so they are exempt from the Origin check without giving a forged form anything.
 */
export function takesNoCookies(pathname: string): boolean {
  return pathname === '/api/oauth/token';
}

/** Paths that only give something (health, static files, the login's way back, the FHIR API). */
const READ_ONLY_SEGMENTS = new Set(['healthz', '_astro', 'favicon.svg', 'favicon.ico', 'robots.txt', 'auth', 'api']);
/** Methods a fetch `Request` can carry: the API routes answer these themselves, in their own format. */
const API_ANSWERS_ITSELF = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** The methods a path answers: pages GET, HEAD and POST (their forms), endpoints what they export. */
export function allowedMethods(pathname: string): readonly string[] {
  const [, first = '', second] = pathname.split('/');
  if (pathname === '/api/oauth/token' || (isLocale(first) && second === 'logout' && /^\/[^/]+\/logout\/?$/.test(pathname))) return ['POST'];
  if (READ_ONLY_SEGMENTS.has(first)) return ['GET', 'HEAD'];
  return ['GET', 'HEAD', 'POST'];
}

/**
 * The `Allow` header for a request whose method the path does not answer (the server says 405), or
 * undefined to let it through. TRACE, TRACK and CONNECT cannot even become a fetch `Request`: Astro's
 * adapter threw on them, a 500 with a stack trace in the log. The API's own 405 (a FHIR
 * OperationOutcome, an OAuth error) answers the methods it can see.
 */
export function refusedMethod(method: string, pathname: string): string | undefined {
  const allowed = allowedMethods(pathname);
  if (allowed.includes(method)) return undefined;
  if (pathname.startsWith('/api/') && API_ANSWERS_ITSELF.has(method)) return undefined;
  return allowed.join(', ');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * CSRF: a state-changing request must come from the portal's own pages, with an Origin equal to ours,
 * whatever its content type. Astro's `security.checkOrigin` (turned off in astro.config.mjs, since it
 * cannot exempt a path) looks only at form-like bodies and lets, say, a cross-site `application/json`
 * POST through; a browser would need a CORS preflight the portal never grants, but nothing here takes
 * such a body, so refusing it costs nothing (the attack suite found logout acting on one). Only
 * `takesNoCookies` paths are exempt.
 */
export function isForbiddenCrossSite(method: string, headers: Headers, ownOrigin: string, pathname: string): boolean {
  if (SAFE_METHODS.has(method) || takesNoCookies(pathname)) return false;
  return headers.get('origin') !== ownOrigin;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a well-formed incoming X-Request-Id (from a load balancer), else makes a new one. */
export function requestIdFrom(header: string | null): string {
  return header && REQUEST_ID.test(header) ? header : crypto.randomUUID();
}

export type BodyCheck = 'ok' | 'tooLarge' | 'lengthRequired';

/**
 * Decides from the headers alone whether a request body may be read: a declared length over the
 * limit is refused before a byte is read; a body without a declared length (chunked) is refused too,
 * since browsers always declare the length of a form post.
 */
export function checkBody(method: string, headers: Headers, maxBytes: number): BodyCheck {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return 'ok';
  const length = headers.get('content-length');
  if (length === null) return headers.has('transfer-encoding') ? 'lengthRequired' : 'ok';
  const bytes = Number(length);
  if (!Number.isFinite(bytes) || bytes < 0) return 'lengthRequired';
  return bytes > maxBytes ? 'tooLarge' : 'ok';
}

const BASE_CSP = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * The Content-Security-Policy for a response. Astro sends its own for rendered pages (with hashes of
 * its scripts and styles, from astro.config.mjs); `frame-ancestors` is added to it, since only a header
 * can carry it. Other responses (JSON, redirects, files) get a strict default.
 */
export function contentSecurityPolicy(astroPolicy: string | null): string {
  if (!astroPolicy) return BASE_CSP;
  const policy = astroPolicy.trim().replace(/;?$/, ';');
  return policy.includes('frame-ancestors') ? policy : `${policy} frame-ancestors 'none';`;
}

/** Headers for every response besides the Content-Security-Policy. */
export function securityHeaders(production: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
  if (production) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** The path as logged: a SIP-kollen token (a single-use right to answer) never reaches the logs. */
export function loggedPath(pathname: string): string {
  return pathname.replace(/\/sip-kollen\/[^/]+/, '/sip-kollen/[token]').replace(/\/my\/feedback\/[^/]+/, '/my/feedback/[id]');
}
