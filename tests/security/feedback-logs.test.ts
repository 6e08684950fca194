/**
 * No SIP-kollen token or invitation id in the server's log (issue 18): an access-log line with the id and
 * a time would date the answer of the person the id belongs to. The built server with the access log on;
 * the requests a person makes when answering (the page, the post) on both survey pages; its whole output
 * is searched. PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { engine } from '../support/db.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: 'info', JOBS_INTERVAL_SECONDS: '0' } });
});
afterAll(async () => {
  await server?.stop();
});

describe(`the log of SIP-kollen requests, on ${engine}`, () => {
  it('names the survey pages without their token or invitation id', async () => {
    const token = 'abcdefghijklmnopqrstuvwxyz234567';
    const id = '6c1f3f0e-3c1a-4d7e-9f55-1d2b3c4d5e6f';
    const post = { method: 'POST', redirect: 'manual', headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'informed=4' } as const;
    for (const path of [`/sv/sip-kollen/${token}`, `/fa/sip-kollen/${token}?thanks=1`, `/sv/my/feedback/${id}`, `/lattlast/my/feedback/${id}?thanks=1`]) {
      await (await fetch(`${server.url}${path}`, { redirect: 'manual' })).arrayBuffer();
      await (await fetch(`${server.url}${path}`, post)).arrayBuffer();
    }
    // The log is written in batches, at least once a second.
    const until = Date.now() + 10_000;
    const lines = () => server.output().split('\n').filter((l) => l.includes('"msg":"request"'));
    while (lines().filter((l) => /sip-kollen|my\/feedback/.test(l)).length < 8 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const survey = lines().filter((l) => /sip-kollen|my\/feedback/.test(l));
    expect(survey).toHaveLength(8);
    expect(survey.filter((l) => l.includes('/sip-kollen/[token]'))).toHaveLength(4);
    expect(survey.filter((l) => l.includes('/my/feedback/[id]'))).toHaveLength(4);
    expect(server.output()).not.toContain(token);
    expect(server.output()).not.toContain(id);
  });
});
