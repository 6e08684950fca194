/** Rate limits on login and form posts answer 429 with Retry-After and a page in the person's language. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_POST_PER_MINUTE: '3' } });
});
afterAll(async () => {
  await server?.stop();
});

describe('rate limits', () => {
  it('a fourth login start within a minute is refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}/en/login/citizen`, { redirect: 'manual' })).status);
    expect(statuses).toEqual([302, 302, 302, 429]);
    const res = await fetch(`${server.url}/en/login/citizen`, { redirect: 'manual' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await res.text();
    expect(html).toContain('lang="en"');
    expect(html).toContain('Too many attempts');
  });

  it('a fourth form post within a minute is refused, reading pages is not', async () => {
    const post = () => fetch(`${server.url}/sv/logout`, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' });
    const statuses = [(await post()).status, (await post()).status, (await post()).status, (await post()).status];
    expect(statuses).toEqual([303, 303, 303, 429]);
    expect((await fetch(`${server.url}/sv/what-is-sip`)).status).toBe(200);
  });
});
