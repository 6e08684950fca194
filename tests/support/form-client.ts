/**
 * Plain HTTP form posts with a session cookie taken from a real login, for the fault tests: a browser
 * logs in once, then requests go out as fast as a burst needs without one.
 */
import { SESSION_COOKIE } from '../../src/shared/server/cookies.ts';

export interface FormClient {
  get(path: string): Promise<{ status: number; html: string }>;
  /** Posts `fields` as a form (no redirect followed); `location` is the redirect target, if any. */
  post(path: string, fields: readonly (readonly [string, string])[]): Promise<{ status: number; location: string | null; html: string }>;
}

export function formClient(baseUrl: string, session: string): FormClient {
  const headers = { Cookie: `${SESSION_COOKIE}=${session}`, Origin: baseUrl };
  return {
    async get(path) {
      const res = await fetch(`${baseUrl}${path}`, { headers, redirect: 'manual' });
      return { status: res.status, html: await res.text() };
    },
    async post(path, fields) {
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields.map(([k, v]) => [k, v])),
        redirect: 'manual',
      });
      return { status: res.status, location: res.headers.get('location'), html: await res.text() };
    },
  };
}

/** The ids in links to `/<lang>/<section>/<uuid>` on a page, in order (duplicates removed). */
export function linkedIds(html: string, section: string): string[] {
  const ids = [...html.matchAll(new RegExp(`/${section}/([0-9a-f-]{36})`, 'g'))].map((m) => m[1]!);
  return [...new Set(ids)];
}
