/**
 * Attack suite, HTTP without a browser: methods a route does not answer (TRACE gave a 500 with a stack
 * trace), whole numbers in hidden fields that no integer column holds, and a forged login callback
 * that logged a person out (logout CSRF). Sessions come from the real login over plain HTTP.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { httpSession } from '../support/http-login.ts';
import { NO_ID } from '../support/routes.ts';
import { SESSION, cookieHeader, dataCounts, post, writeTally, type Tally } from '../support/attack.ts';

let server: TestServer;
const tally: Tally = { routesRoles: 0, payloads: 0, failures: 0 };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer({ args: ['--demo-data'] });
  tokens.olle = await httpSession(server.url, 'citizen', 'demo-olle');
  tokens.rasmus = await httpSession(server.url, 'staff', 'demo-staff-region');
});
afterAll(async () => {
  writeTally(import.meta.filename, tally);
  await server?.stop();
});

/** Each test's failures, counted for the summary line. */
function counted(failures: string[]): string[] {
  tally.failures += failures.length;
  return failures;
}

/** One request with any method (fetch refuses TRACE, as Astro's adapter did). */
function send(method: string, url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('methods a route does not answer', () => {
  /** [path, what Allow must name]: two pages, the OAuth endpoint and the FHIR API. */
  const ROUTES: [string, string][] = [
    ['/sv/', 'GET, HEAD, POST'],
    ['/sv/request', 'GET, HEAD, POST'],
    ['/api/oauth/token', 'POST'],
    [`/api/fhir/R4/CarePlan/${NO_ID}`, 'GET'],
  ];

  it('get 405 with an Allow header, anonymous or logged in, and leave no error in the log', async () => {
    const failures: string[] = [];
    for (const [path, allow] of ROUTES) {
      for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
        for (const token of [undefined, tokens.olle]) {
          const res = await send(method, `${server.url}${path}`, { ...cookieHeader(token), Origin: server.url });
          tally.routesRoles++;
          const got = String(res.headers.allow ?? '');
          if (res.status !== 405 || !got.startsWith(allow)) failures.push(`${method} ${path} → ${res.status} Allow: ${got}`);
        }
      }
    }
    expect(counted(failures)).toEqual([]);
    // Astro's adapter printed "Could not render … TypeError: 'TRACE' HTTP method is unsupported" and the stack.
    expect(server.output()).not.toMatch(/TypeError|Could not render|\n\s+at /);
  });
});

describe('whole numbers in hidden fields', () => {
  const NUMBERS = ['abc', '1.5', '99999999999', '-1', '', ' 1', '1e3', 'NaN', '2147483648', '-2147483649'];

  it('a plan decision and the editor’s revision answer with a message, never a 500, and store nothing', async () => {
    const planId = ((await (await fetch(`${server.url}/sv/test-routes/record-ids`)).json()) as Record<string, string[]>).plan![0]!;
    const before = await dataCounts(server.url);
    const failures: string[] = [];
    const tries: [string, string, (n: string) => [string, string][], number][] = [
      ['olle', `/sv/my/plans/${planId}`, (n) => [['decision', 'accept'], ['version', n]], 422],
      ['olle', `/sv/my/plans/${planId}`, (n) => [['decision', 'changes'], ['version', n], ['comment', 'Mer stöd']], 422],
      ['rasmus', `/sv/staff/plans/${planId}/edit`, (n) => [['revision', n], ['intent', 'save']], 409],
    ];
    for (const [who, action, fields, status] of tries) {
      for (const n of NUMBERS) {
        const res = await post(server.url, action, fields(n), tokens[who]);
        tally.payloads++;
        const html = await res.text();
        if (res.status !== status || !html.includes('class="error-summary')) failures.push(`${who} POST ${action} with ${JSON.stringify(n)} → ${res.status}`);
      }
    }
    expect(counted(failures)).toEqual([]);
    expect(await dataCounts(server.url)).toEqual(before);
  });
});

describe('logout CSRF: a login callback no login started', () => {
  it('leaves the session cookie and the session as they were', async () => {
    const anna = await httpSession(server.url, 'citizen', 'demo-anna');
    const failures: string[] = [];
    // What another site can make the browser ask for: a link or an image to the callback, with the cookie.
    for (const query of ['?code=x&state=y', '', '?error=access_denied']) {
      const res = await fetch(`${server.url}/auth/callback/citizen${query}`, { redirect: 'manual', headers: cookieHeader(anna) });
      await res.arrayBuffer();
      tally.routesRoles++;
      const touched = res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION}=`));
      if (res.status !== 302 || touched.length > 0) failures.push(`callback${query} → ${res.status} ${touched.join(' | ')}`);
    }
    expect(counted(failures)).toEqual([]);
    const account = await fetch(`${server.url}/sv/account`, { redirect: 'manual', headers: cookieHeader(anna) });
    tally.routesRoles++;
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('Anna');
  });
});
