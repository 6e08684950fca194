/**
 * The mail outbox on a real SMTP server (smtp-server on loopback) that is down at first: mails written
 * in an action's transaction wait, nothing is lost, and once the server is back each is sent exactly
 * once — also with two senders at once. PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import type { Actor } from '../../src/features/access/access.domain.ts';
import { reportDeviation } from '../../src/features/deviation/deviation.service.ts';
import { deviationMails } from '../../src/features/follow-up/follow-up-mail.ts';
import { drainOutbox, enqueueMails, KEEP_DONE_DAYS, type QueuedMail } from '../../src/shared/server/mail-outbox.ts';
import { outboxCounts } from '../../src/shared/server/mail-outbox.repository.ts';
import type { Clock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';
import { freePort } from '../support/server.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';

let database: AppDatabase;
let smtp: TestSmtp | undefined;
let smtpPort = 0;
const db = () => database.db;
let nowMs = Date.parse('2026-11-26T09:00:00Z');
const clock: Clock = { now: () => new Date(nowMs) };
const later = (ms: number) => (nowMs += ms);

const mail = (n: number): QueuedMail => ({ kind: 'test', mail: { to: `person${n}@example.se`, subject: `Test ${n}`, text: `Brev ${n}`, language: 'sv-SE' } });

async function staff(sub: string): Promise<Actor> {
  const hsa = DEMO_STAFF.find((s) => s.sub === sub)!.hsaId;
  const { id } = await db().selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
  return (await loadActor(db(), { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, clock, demoRegisterGuardianships(db()))).actor;
}

beforeAll(async () => {
  // The portal knows the mail server's address, but nothing listens there yet: the server is down.
  smtpPort = await freePort();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.SIP_MODE = 'demo';
  database = await createTestDatabase();
  await seedDemo(database.db);
  await db().updateTable('staff_account').set({ email: 'dora@region.example' }).where('hsa_id', '=', 'SE2321000000-DEMO7').execute();
});
afterAll(async () => {
  await database?.close();
  await smtp?.close();
});

describe(`the mail outbox on ${engine}`, () => {
  it('an action that rolls back queues nothing; one that commits queues its mails with it', async () => {
    await expect(
      db().transaction().execute(async (trx) => {
        await enqueueMails(trx, [mail(0)], clock.now());
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await outboxCounts(db())).toEqual({ waiting: 0, sent: 0, failed: 0 });

    const plan = await db().selectFrom('plan').select('id').where('reference', '=', 'SIP-DEMO-0003').executeTakeFirstOrThrow();
    const region = await db().selectFrom('principal').select('id').where('name', '=', 'Region Exempel').executeTakeFirstOrThrow();
    const outcome = await reportDeviation(db(), await staff('demo-staff-region'), clock, plan.id, { type: 'other', principalId: region.id, description: 'Ett test.', invitationId: '' }, deviationMails);
    expect(outcome).toEqual({ ok: true, handlerEmails: ['dora@region.example'] });
    expect(await outboxCounts(db())).toEqual({ waiting: 1, sent: 0, failed: 0 });
  });

  it('with the mail server down every mail waits, retried with backoff; nothing is lost', async () => {
    await db().transaction().execute((trx) => enqueueMails(trx, [1, 2, 3, 4, 5].map(mail), clock.now()));
    const down = await drainOutbox(db(), clock);
    expect(down).toMatchObject({ sent: 0, retried: 6, failed: 0 });
    expect(await outboxCounts(db())).toEqual({ waiting: 6, sent: 0, failed: 0 });
    const rows = await db().selectFrom('mail_outbox').select(['attempts', 'last_error', 'next_attempt_at']).execute();
    expect(rows.every((r) => r.attempts === 1 && new Date(r.next_attempt_at).getTime() === nowMs + 30_000)).toBe(true);
    expect(rows.map((r) => r.last_error).sort()).toEqual(['ESOCKET', ...Array(5).fill('not tried: server down')]);
    // Not due yet: the next round leaves them alone.
    later(10_000);
    expect(await drainOutbox(db(), clock)).toMatchObject({ sent: 0, retried: 0 });
    later(25_000);
    expect(await drainOutbox(db(), clock)).toMatchObject({ sent: 0, retried: 6 });
    expect((await db().selectFrom('mail_outbox').select('attempts').execute()).every((r) => r.attempts === 2)).toBe(true);
  });

  it('once the mail server is back each mail is sent exactly once, even with two senders at once', async () => {
    smtp = await startTestSmtp(smtpPort);
    later(61_000);
    const [a, b] = await Promise.all([drainOutbox(db(), clock), drainOutbox(db(), clock)]);
    expect(a.sent + b.sent).toBe(6);
    const messages = await smtp.waitFor(6);
    await new Promise((r) => setTimeout(r, 300));
    expect(messages).toHaveLength(6);
    expect(messages.map((m) => m.subject).sort()).toEqual(['Test 1', 'Test 2', 'Test 3', 'Test 4', 'Test 5', 'Ny avvikelse att handlägga'].sort());
    const rows = await db().selectFrom('mail_outbox').select(['id', 'message', 'sent_at']).execute();
    expect(messages.map((m) => m.messageId).sort()).toEqual(rows.map((r) => `<${r.id}@sip-portalen.outbox>`).sort());
    // A sent row keeps no message (it may have carried a single-use link).
    expect(rows.every((r) => r.message === null && r.sent_at !== null)).toBe(true);
    expect(await drainOutbox(db(), clock)).toMatchObject({ sent: 0, retried: 0 });
    expect(smtp.messages).toHaveLength(6);
  });

  it('a mail the server refuses for good is kept apart and not tried again', async () => {
    await db().transaction().execute((trx) => enqueueMails(trx, [mail(7)], clock.now()));
    const refuse = async () => {
      throw Object.assign(new Error('550 <person7@example.se> unknown'), { code: 'EENVELOPE', responseCode: 550 });
    };
    expect(await drainOutbox(db(), clock, refuse)).toMatchObject({ sent: 0, failed: 1 });
    later(2 * 3_600_000);
    expect(await drainOutbox(db(), clock)).toMatchObject({ sent: 0, failed: 0, retried: 0 });
    const row = await db().selectFrom('mail_outbox').select(['last_error', 'failed_at']).where('failed_at', 'is not', null).executeTakeFirstOrThrow();
    expect(row.last_error).toBe('EENVELOPE 550');
  });

  it(`sent and refused mails are deleted after ${KEEP_DONE_DAYS} days`, async () => {
    later((KEEP_DONE_DAYS + 1) * 86_400_000);
    expect(await drainOutbox(db(), clock)).toMatchObject({ purged: 7 });
    expect(await outboxCounts(db())).toEqual({ waiting: 0, sent: 0, failed: 0 });
  });
});
