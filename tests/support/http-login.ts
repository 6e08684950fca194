/**
 * The real login (portal → demo OpenID provider → callback) over plain HTTP, without a browser: the
 * redirects are followed by hand with one cookie jar per origin, and the provider's chooser form is
 * posted as a person would. For benchmarks that need many sessions quickly.
 */

type Jar = Map<string, Map<string, string>>;

function remember(jar: Jar, url: URL, response: Response): void {
  const cookies = jar.get(url.origin) ?? new Map<string, string>();
  jar.set(url.origin, cookies);
  for (const line of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const i = pair.indexOf('=');
    const name = pair.slice(0, i).trim();
    // A cookie is removed with Max-Age=0 or an Expires in the past (Astro's delete sends the latter).
    const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || (/^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]!) <= Date.now()));
    if (expired || pair.slice(i + 1) === '') cookies.delete(name);
    else cookies.set(name, pair.slice(i + 1).trim());
  }
}

function cookieHeader(jar: Jar, url: URL): string {
  return [...(jar.get(url.origin) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function send(jar: Jar, url: URL, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(jar, url) } });
  remember(jar, url, response);
  return response;
}

/**
 * Logs in as the demo identity `sub` (e.g. `demo-anna`, `demo-staff-kommun`) and returns the value of
 * the session cookie `__Host-sip_session`. Throws with the step that failed.
 */
export async function httpSession(baseUrl: string, kind: 'citizen' | 'staff', sub: string): Promise<string> {
  return (await httpLogin(baseUrl, kind, sub)).session;
}

/**
 * As httpSession, starting at `start` (e.g. `/sv/login/staff?return=…`); also gives where the callback
 * sends the browser after the login (`landing`, a path).
 */
export async function httpLogin(baseUrl: string, kind: 'citizen' | 'staff', sub: string, start = `/sv/login/${kind}`): Promise<{ session: string; landing: string }> {
  const jar: Jar = new Map();
  const portal = new URL(baseUrl).origin;
  let url = new URL(start, baseUrl);
  let response = await send(jar, url);
  const loginCookie = jar.get(portal)?.get('__Host-sip_session');
  for (let hop = 0; hop < 12; hop++) {
    if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
      // The provider's chooser: post the identity's button, as a person would.
      await response.arrayBuffer();
      response = await send(jar, url, { method: 'POST', body: new URLSearchParams({ account: sub }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      continue;
    }
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (response.status < 300 || response.status >= 400 || !location) break;
    if (url.origin === portal && url.pathname.startsWith('/auth/callback/')) {
      // The callback swaps the login's one-time cookie for the session.
      const session = jar.get(portal)?.get('__Host-sip_session');
      if (session && session !== loginCookie) return { session, landing: new URL(location, url).pathname + new URL(location, url).search };
      throw new Error(`login of ${sub} ended at ${location}`);
    }
    url = new URL(location, url);
    response = await send(jar, url);
  }
  throw new Error(`login of ${sub} stopped at ${url.pathname} with ${response.status}`);
}

/** The demo provider's page to choose an identity, as a browser starting a login of `kind` sees it. */
export async function httpChooserPage(baseUrl: string, kind: 'citizen' | 'staff'): Promise<string> {
  const jar: Jar = new Map();
  let url = new URL(`/sv/login/${kind}`, baseUrl);
  for (let hop = 0; hop < 8; hop++) {
    const response = await send(jar, url);
    if (response.status === 200 && url.pathname.startsWith('/interaction/')) return response.text();
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (!location) break;
    url = new URL(location, url);
  }
  throw new Error(`no chooser page for ${kind} (stopped at ${url.pathname})`);
}
