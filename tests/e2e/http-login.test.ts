/**
 * The login over plain HTTP that the load benchmark uses (tests/support/http-login.ts) goes through
 * the real demo provider and gives a session the portal accepts; no browser is started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { httpSession } from '../support/http-login.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ args: ['--demo-data'] });
});
afterAll(() => server?.stop());

const open = (path: string, session: string) => fetch(`${server.url}${path}`, { headers: { cookie: `__Host-sip_session=${session}` }, redirect: 'manual' });

describe('login over HTTP', () => {
  it('a citizen and a staff member each get a session that opens their pages', async () => {
    const anna = await open('/en/account', await httpSession(server.url, 'citizen', 'demo-anna'));
    expect(anna.status).toBe(200);
    expect(await anna.text()).toContain('Anna Exempelsson');
    const karin = await open('/sv/staff', await httpSession(server.url, 'staff', 'demo-staff-kommun'));
    expect(karin.status).toBe(200);
  });

  it('a staff identity without an account gets no session', async () => {
    await expect(httpSession(server.url, 'staff', 'demo-unknown')).rejects.toThrow(/no-account/);
  });
});
