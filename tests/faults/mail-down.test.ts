/**
 * The mail server is down when staff send meeting invitations, and the portal is killed (`kill -9`)
 * before it comes back: the invitations were queued with the action, survive the crash in the outbox,
 * and go out exactly once when the mail server returns — sent by the restarted portal itself. The
 * failed attempts are logged without addresses. PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { inDays, sessionFor } from '../support/login.ts';
import { freePort, startServer, type TestServer } from '../support/server.ts';
import { formClient, linkedIds, type FormClient } from '../support/form-client.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';
import { engine } from '../support/db.ts';

let server: TestServer;
let smtp: TestSmtp | undefined;
let smtpPort = 0;
let sofia: FormClient;

beforeAll(async () => {
  smtpPort = await freePort();
  // Nothing listens on the mail server's port yet: it is down.
  server = await startServer({ args: ['--demo-data'], env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, JOBS_INTERVAL_SECONDS: '0' } });
  const browser = await launchBrowser();
  try {
    sofia = formClient(server.url, await sessionFor(browser, server.url, 'staff', 'Sofia Skogsdotter'));
  } finally {
    await browser.close();
  }
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe(`mail server down, then a crash, on ${engine}`, () => {
  it('invitations sent while the mail server is down are delivered exactly once when it returns, after a restart', async () => {
    const request = linkedIds((await sofia.get('/sv/staff')).html, 'staff/requests')[0]!;
    const planId = /staff\/plans\/([0-9a-f-]{36})/.exec((await sofia.post(`/sv/staff/requests/${request}`, [])).location ?? '')![1]!;
    const prepare = `/sv/staff/plans/${planId}/prepare`;
    expect((await sofia.post(prepare, [['intent', 'meeting'], ['date', inDays(7)], ['startTime', '09:00'], ['endTime', '10:00'], ['placeKind', 'service'], ['location', 'Rum 1']])).status).toBe(303);
    expect((await sofia.post(prepare, [['intent', 'invitee'], ['kind', 'external'], ['name', 'Frida Handläggare'], ['organisation', 'Försäkringskassan'], ['email', 'frida@fk.example']])).status).toBe(303);
    const sent = await sofia.post(prepare, [['intent', 'send']]);
    expect(sent.status).toBe(303);
    const queued = Number(/mails=(\d+)/.exec(sent.location ?? '')?.[1]);
    expect(queued).toBeGreaterThanOrEqual(1);

    // The portal's sender tries (every second in tests), fails, and says so without the address.
    const until = Date.now() + 10_000;
    while (!server.output().includes('mail not sent; will retry') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toContain('mail not sent; will retry');
    expect(server.output()).not.toContain('frida@fk.example');

    // A crash, a restart, and then the mail server comes back.
    await server.kill('SIGKILL');
    await server.restart();
    smtp = await startTestSmtp(smtpPort);
    // The first retry is due 30 s after the failed attempt.
    const messages = await smtp.waitFor(queued, 60_000);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(messages).toHaveLength(queued);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(queued);
    const frida = messages.find((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === 'frida@fk.example');
    expect(frida?.subject).toContain('Kallelse till SIP-möte');
    expect(frida?.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
  });
});
