/**
 * Where to send someone after login: only a path on this site. Anything that a browser could read
 * as another origin (`//evil`, `/\evil`, `https:`, encoded tricks, control characters) falls back to
 * the given default. Prevents open redirects through the login's return parameter.
 */
export function safeReturnPath(candidate: string | null | undefined, fallback: string): string {
  if (!candidate || candidate.length > 2_000) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return fallback;
  // Browsers treat "\" as "/" and drop tabs and newlines inside URLs.
  if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(candidate);
  } catch {
    return fallback;
  }
  if (decoded.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(decoded)) return fallback;
  const url = new URL(candidate, 'http://portal.invalid');
  if (url.origin !== 'http://portal.invalid') return fallback;
  // Dot segments collapse when the URL is parsed: `/.//evil`, `/a/..//evil` and `/%2e//evil` all come out
  // as `//evil`, which a browser reads as another host. Check what is returned, not only what came in.
  const path = `${url.pathname}${url.search}`;
  return path.startsWith('//') ? fallback : path;
}
