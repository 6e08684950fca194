/**
 * Every route × every role, asked over HTTP with a real session from the real login: the answer each
 * role must get, and `Cache-Control: no-store` on everything but a public page seen anonymously. Later
 * features add their routes here; a route missing from the table fails the test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { sessionFor } from '../support/login.ts';
import { listFiles } from '../support/files.ts';
import { IDENTITIES, ROLES, ROUTES, type Role } from '../support/routes.ts';
import { isPublicPage } from '../../src/shared/server/http.ts';

const harness = useServerAndBrowser({ args: ['--demo-data'] });
let server: TestServer;
let browser: Browser;
const cookies: Partial<Record<Role, string>> = {};
/** Real record ids, found once the server runs, for `{name}` in a path. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ server, browser } = harness());
  for (const [role, [kind, name]] of Object.entries(IDENTITIES)) {
    cookies[role as Role] = await sessionFor(browser, server.url, kind, name);
  }
  const adminPage = await (await fetch(`${server.url}/sv/admin`, { headers: { cookie: `__Host-sip_session=${cookies.admin}` } })).text();
  ids.staffId = /\/sv\/admin\/staff\/([0-9a-f-]{36})/.exec(adminPage)![1]!;
  const inbox = await (await fetch(`${server.url}/sv/staff`, { headers: { cookie: `__Host-sip_session=${cookies.staff}` } })).text();
  ids.requestId = /\/sv\/staff\/requests\/([0-9a-f-]{36})/.exec(inbox)![1]!;
});

describe('route × role', () => {
  it('the table covers every route file', () => {
    expect(listFiles('src/pages').sort()).toEqual([...new Set(ROUTES.map((r) => r[0]))].sort());
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(ROUTES.map((r) => [r[1], r[2], r[3][role]] as const))('%s %s → %i', async (method, route, expected) => {
      // Logout ends the session: give it a fresh one so later rows still run logged in.
      const cookie = role === 'anonymous' ? undefined : method === 'POST' ? await sessionFor(browser, server.url, ...IDENTITIES[role]) : cookies[role];
      const path = route.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
      const res = await fetch(`${server.url}${path}`, {
        method,
        redirect: 'manual',
        headers: { ...(cookie ? { cookie: `__Host-sip_session=${cookie}` } : {}), ...(method === 'POST' ? { Origin: server.url } : {}) },
      });
      expect(res.status).toBe(expected);
      // Anything but a public page seen anonymously may be personal: no browser or proxy keeps a copy.
      if (role !== 'anonymous' || !isPublicPage(new URL(path, server.url).pathname)) expect(res.headers.get('cache-control'), 'Cache-Control').toBe('no-store');
    });
  });
});
