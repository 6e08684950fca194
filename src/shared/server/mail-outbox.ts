/**
 * The mail outbox. An action that causes mail writes it with `enqueueMails` inside its own transaction:
 * an acknowledged action never loses its mail, a rolled-back one sends none. `drainOutbox` sends what is
 * due — the portal every OUTBOX_INTERVAL_SECONDS, and `npm run jobs` — retrying with backoff while the
 * mail server is down. Delivery is at least once: a sender that dies between the SMTP server's "250 OK"
 * and recording it sends that mail again, with the same Message-ID. Logs carry counts and kinds only,
 * never addresses or texts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../time/clock.ts';
import { logger } from './logger.ts';
import { deliverMail, mailEnabled, type Mail } from './mail.ts';
import * as repo from './mail-outbox.repository.ts';

export type { QueuedMail } from './mail-outbox.repository.ts';

/** How long a claimed mail is reserved for its sender before another may try it. */
export const LEASE_MS = 5 * 60_000;
/** Sent (and finally refused) mails are kept this long, without their text, then deleted. */
export const KEEP_DONE_DAYS = 7;

/** The wait before the next attempt after `attempts` failed ones: 30 s, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
}

/** A 5xx answer is the mail server refusing the message for good (e.g. an unknown address). */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as SmtpError | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A short reason for the row and the log: codes only (SMTP texts can contain the address). */
export function failureReason(error: unknown): string {
  const e = (error ?? {}) as SmtpError;
  return [typeof e.code === 'string' ? e.code : 'ERROR', typeof e.responseCode === 'number' ? e.responseCode : ''].filter(Boolean).join(' ');
}

/**
 * Puts mails into the outbox. Call it with the transaction of the action that causes them. Without
 * SMTP configured (production without SMTP_URL) the portal sends no mail, so nothing is queued.
 * Returns how many were queued.
 */
export async function enqueueMails(db: Kysely<Database>, mails: readonly repo.QueuedMail[], at: Date): Promise<number> {
  if (!mailEnabled() || mails.length === 0) return 0;
  await repo.insertMails(db, mails, at);
  return mails.length;
}

export type Deliver = (mail: Mail, messageId: string) => Promise<void>;

export interface DrainResult {
  sent: number;
  /** Not sent this time; tried again later. */
  retried: number;
  /** Refused for good by the mail server. */
  failed: number;
  purged: number;
}

/**
 * Sends every due mail, in batches claimed with FOR UPDATE SKIP LOCKED (safe with several processes,
 * and with `npm run jobs` beside the portal). After the first failure that is not a refusal (the
 * server is down) the rest of the batch waits for the next round instead of timing out one by one.
 */
export async function drainOutbox(db: Kysely<Database>, clock: Clock, deliver: Deliver = deliverMail, options: { batch?: number } = {}): Promise<DrainResult> {
  const batch = options.batch ?? 20;
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, purged: 0 };
  for (;;) {
    const now = clock.now();
    const claimed = await repo.claimDue(db, now, new Date(now.getTime() + LEASE_MS), batch);
    let down = false;
    for (const row of claimed) {
      if (down) {
        await repo.markRetry(db, row.id, new Date(clock.now().getTime() + retryDelayMs(row.attempts)), 'not tried: server down');
        result.retried++;
        continue;
      }
      try {
        await deliver(row.mail, `<${row.id}@sip-portalen.outbox>`);
        await repo.markSent(db, row.id, clock.now());
        result.sent++;
      } catch (error) {
        const reason = failureReason(error);
        if (isPermanentRefusal(error)) {
          await repo.markFailed(db, row.id, clock.now(), reason);
          result.failed++;
          logger.error({ mailId: row.id, kind: row.kind, reason }, 'mail refused by the mail server');
        } else {
          down = true;
          await repo.markRetry(db, row.id, new Date(clock.now().getTime() + retryDelayMs(row.attempts)), reason);
          result.retried++;
          logger.warn({ mailId: row.id, kind: row.kind, attempts: row.attempts, reason }, 'mail not sent; will retry');
        }
      }
    }
    if (down || claimed.length < batch) break;
  }
  result.purged = await repo.purgeDone(db, new Date(clock.now().getTime() - KEEP_DONE_DAYS * 86_400_000));
  return result;
}
