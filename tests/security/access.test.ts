/**
 * Attack suite, access: every route that takes an id, tried with the ids of other people's records by
 * every kind of outsider (IDOR → 404, or the login page when anonymous, and nothing changed); every POST
 * with a foreign Origin or none (CSRF → 403, nothing done); the post-login return path (same origin only,
 * through the real login).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { chooseIdentity, sessionFor } from '../support/login.ts';
import { IDENTITIES, ROUTES } from '../support/routes.ts';
import { cookieHeader, dataCounts, fillForm, formsOf, post, writeTally, type Tally } from '../support/attack.ts';

const harness = useServerAndBrowser({ args: ['--demo-data'] });
let server: TestServer;
let browser: Browser;
const tally: Tally = { routesRoles: 0, payloads: 0, failures: 0 };

/** People with no part in any demo record: each must get a 404 for every one of them. */
const OUTSIDERS: Record<string, ['citizen' | 'staff', string] | undefined> = {
  anonymous: undefined,
  person: ['citizen', 'Anna Exempelsson'],
  relative: ['citizen', 'Bengt Exempelsson'],
  /**
   * Staff of another principal than every demo record's — and of one outside the consent: the school shares
   * the agreement of Olle's plan, but Olle's consent names only the municipality and the region.
   */
  staffOutsideConsent: ['staff', 'Sara Skolberg'],
  /** Olle's coordinator, after an admin removed him from his unit (below). */
  removedCoordinator: ['staff', 'Rasmus Regionsson'],
  manager: ['staff', 'Maria Chefsdotter'],
  managerOfEveryPrincipal: ['staff', 'Lena Länsdotter'],
  admin: ['staff', 'Adam Administratör'],
};
const tokens: Record<string, string | undefined> = {};

/** The kind of record an `[id]` names, by the path segment before it. */
const KIND_OF: Record<string, string> = {
  requests: 'request',
  consents: 'consent',
  plans: 'plan',
  invitations: 'invitation',
  deviations: 'deviation',
  feedback: 'feedbackInvitation',
  staff: 'staffAccount',
  CarePlan: 'plan',
};

/** Every route file with an `[id]`, with the methods the route table asks it with. */
const ID_ROUTES = [...new Set(ROUTES.filter(([file]) => file.includes('[id]')).map(([file, method]) => `${method} ${file}`))].map((key) => {
  const [method, file] = key.split(' ') as [string, string];
  const segments = file.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '').split('/');
  const kind = KIND_OF[segments[segments.indexOf('[id]') - 1]!]!;
  const template = `/${segments.join('/')}`.replace('[lang]', 'sv').replace('[version]', '1');
  return { method, file, kind, template };
});

let ids: Record<string, string[]> = {};

/** A staff account's id, from the admin's list. */
async function staffAccountId(admin: string, name: string): Promise<string> {
  const html = await (await fetch(`${server.url}/sv/admin`, { headers: cookieHeader(admin) })).text();
  return new RegExp(`/sv/admin/staff/([0-9a-f-]{36})"[^>]*>(?:<bdi>)?${name}<`).exec(html)![1]!;
}

beforeAll(async () => {
  ({ server, browser } = harness());
  for (const [role, identity] of Object.entries(OUTSIDERS)) tokens[role] = identity && (await sessionFor(browser, server.url, ...identity));
  const olleId = ((await (await fetch(`${server.url}/sv/test-routes/record-ids`)).json()) as Record<string, string[]>).plan![0]!;
  const admin = tokens.admin!;
  const [saraId, rasmusId] = [await staffAccountId(admin, 'Sara Skolberg'), await staffAccountId(admin, 'Rasmus Regionsson')];
  // The coordinator tries to bring the school in with a forged form value: refused, nothing shared.
  const counts = await dataCounts(server.url);
  const forged = await post(server.url, `/sv/staff/plans/${olleId}/prepare`, [['intent', 'invitee'], ['kind', 'staff'], ['staffAccountId', saraId], ['name', ''], ['organisation', ''], ['email', '']], tokens.removedCoordinator);
  expect(forged.status).toBe(422);
  expect(await forged.text()).toContain('samtycke gäller inte den huvudmannen');
  expect(await dataCounts(server.url)).toEqual(counts);
  // Then an admin removes the coordinator from his only unit: his session stays, his access ends.
  const rasmusPage = await (await fetch(`${server.url}/sv/admin/staff/${rasmusId}`, { headers: cookieHeader(admin) })).text();
  const unitId = /name="unitId" value="([0-9a-f-]{36})"/.exec(rasmusPage)![1]!;
  expect((await post(server.url, `/sv/admin/staff/${rasmusId}`, [['intent', 'removeMembership'], ['unitId', unitId], ['role', 'member']], admin)).status).toBe(303);
  // A deviation reported by Olle on his plan, so deviation ids are tried too.
  const olle = await sessionFor(browser, server.url, 'citizen', 'Olle Uppföljare');
  const page = await (await browser.newContext({ extraHTTPHeaders: cookieHeader(olle) })).newPage();
  const planIds = ((await (await fetch(`${server.url}/sv/test-routes/record-ids`)).json()) as Record<string, string[]>).plan!;
  await page.goto(`${server.url}/sv/my/plans/${planIds[0]}/deviation`);
  const form = (await formsOf(page)).find((f) => f.action.endsWith('/deviation'))!;
  expect((await post(server.url, form.action, fillForm(form, () => 'Ingen ringde tillbaka.'), olle)).status).toBe(303);
  await page.context().close();
  ids = (await (await fetch(`${server.url}/sv/test-routes/record-ids`)).json()) as Record<string, string[]>;
});

afterAll(() => writeTally(import.meta.filename, tally));

describe('IDOR: other people’s ids on every route that takes one', () => {
  it('the demo has a record of every kind a route names', () => {
    for (const kind of new Set(ID_ROUTES.map((r) => r.kind))) {
      if (kind === 'feedbackInvitation') continue; // SIP-kollen invitations appear once a meeting is held (tests/security/xss.test.ts)
      expect(ids[kind], kind).not.toEqual([]);
    }
  });

  it('every outsider gets a 404 (the login page when anonymous), and nothing changes', async () => {
    const before = await dataCounts(server.url);
    const failures: string[] = [];
    for (const route of ID_ROUTES) {
      for (const id of ids[route.kind] ?? []) {
        for (const [role, token] of Object.entries(tokens)) {
          // The admin manages staff accounts: that page is theirs.
          if (route.kind === 'staffAccount' && role === 'admin') continue;
          const path = route.template.replace('[id]', id);
          const res = await fetch(`${server.url}${path}`, {
            method: route.method,
            redirect: 'manual',
            headers: { ...cookieHeader(token), Origin: server.url, ...(route.method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
            body: route.method === 'POST' ? 'decision=accept&action=save&text=x' : undefined,
          });
          tally.routesRoles++;
          const body = await res.text();
          // Anonymous: the login page, or 401 from the FHIR API (it takes tokens, not logins).
          const ok = role === 'anonymous' ? (res.status === 302 && res.headers.get('location')!.startsWith('/sv/login?return=')) || (res.status === 401 && path.startsWith('/api/')) : res.status === 404 && !body.includes('SIP-DEMO');
          if (!ok) failures.push(`${role} ${route.method} ${path} → ${res.status}`);
        }
      }
    }
    tally.failures += failures.length;
    expect(failures).toEqual([]);
    expect(await dataCounts(server.url)).toEqual(before);
  });
});

describe('CSRF: every POST with a foreign Origin or none', () => {
  // The OAuth token endpoint takes posts from other systems (no Origin, no cookies read): tests/e2e/fhir.test.ts.
  const POSTS = [...new Set(ROUTES.filter(([, method]) => method === 'POST').map(([, , path]) => path))].filter((p) => !p.includes('{') && p !== '/api/oauth/token');
  const ORIGINS: Record<string, string>[] = [{ Origin: 'https://evil.example' }, { Origin: 'null' }, {}];
  const TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/json', undefined];

  it('is refused with 403 and does nothing, whatever the content type', async () => {
    // The admin's session: if a forged logout went through, the next request would be anonymous.
    const admin = await sessionFor(browser, server.url, ...IDENTITIES.admin);
    const before = await dataCounts(server.url);
    const failures: string[] = [];
    for (const path of POSTS) {
      for (const origin of ORIGINS) {
        for (const type of TYPES) {
          const res = await fetch(`${server.url}${path}`, {
            method: 'POST',
            redirect: 'manual',
            headers: { ...cookieHeader(admin), ...origin, ...(type ? { 'Content-Type': type } : {}) },
            body: type?.startsWith('multipart') ? '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--\r\n' : type === 'application/json' ? '{"name":"x"}' : 'name=x',
          });
          tally.routesRoles++;
          if (res.status !== 403) failures.push(`POST ${path} Origin ${origin['Origin'] ?? '(none)'} ${type ?? '(no type)'} → ${res.status}`);
        }
      }
    }
    tally.failures += failures.length;
    expect(failures).toEqual([]);
    expect(await dataCounts(server.url)).toEqual(before);
    expect((await fetch(`${server.url}/sv/admin`, { headers: cookieHeader(admin), redirect: 'manual' })).status).toBe(200);
  });
});

describe('open redirect: the return path after login', () => {
  const EVIL = [
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    '/%2F%2Fevil.example/',
    '/%5Cevil.example/',
    '/.//evil.example/',
    '/sv/..//evil.example/',
    '/%2e//evil.example/',
    'javascript:alert(1)',
    '/\t/evil.example/',
    'http:evil.example',
    '%0d%0aLocation:%20https://evil.example',
  ];

  it('stays on the portal whatever the return parameter says', async () => {
    const failures: string[] = [];
    /** A fresh browser (not logged in) logs in as Anna with the given return parameter; where it ends. */
    const loginWith = async (returnPath: string) => {
      const context = await browser.newContext();
      // Anything off the portal is cut short, so the test never leaves the machine.
      await context.route((url) => url.hostname.endsWith('evil.example'), (route) => route.fulfill({ status: 200, body: 'left the portal' }));
      const page = await context.newPage();
      await page.goto(`${server.url}/sv/login?return=${encodeURIComponent(returnPath)}`);
      await chooseIdentity(page, 'citizen', 'Anna Exempelsson');
      await page.waitForURL((url) => (url.origin === server.url && !url.pathname.startsWith('/auth/')) || url.hostname.endsWith('evil.example'));
      await page.waitForLoadState('load');
      const where = { url: page.url(), left: (await page.content()).includes('left the portal') };
      await context.close();
      return where;
    };
    for (const evil of EVIL) {
      const where = await loginWith(evil);
      tally.payloads++;
      if (new URL(where.url).origin !== server.url || where.left) failures.push(`${evil} → ${where.url}`);
    }
    // A same-origin path is kept.
    expect(new URL((await loginWith('/sv/my/sharing')).url).pathname).toBe('/sv/my/sharing');
    tally.failures += failures.length;
    expect(failures).toEqual([]);
  });
});
