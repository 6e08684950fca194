/**
 * The mail outbox table (`mail_outbox`). Rows are written inside the transaction of the action that
 * causes the mail, claimed by a sender with FOR UPDATE SKIP LOCKED (so several processes never take the
 * same row), and kept after sending without the message until purged.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Mail } from './mail.ts';

export interface QueuedMail {
  kind: string;
  mail: Mail;
}

export interface ClaimedMail {
  id: string;
  kind: string;
  attempts: number;
  mail: Mail;
}

/** Writes mails into the outbox; call it with the transaction of the action that causes them. */
export async function insertMails(db: Kysely<Database>, mails: readonly QueuedMail[], at: Date): Promise<void> {
  if (mails.length === 0) return;
  await db
    .insertInto('mail_outbox')
    .values(mails.map((m) => ({ kind: m.kind, message: JSON.stringify(m.mail), created_at: at, next_attempt_at: at })))
    .execute();
}

/**
 * Claims up to `limit` due mails in one short transaction: each gets one more attempt and is pushed to
 * `leaseUntil`, so no other sender takes it meanwhile, and a sender that dies leaves it to be tried again.
 */
export async function claimDue(db: Kysely<Database>, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMail[]> {
  const { rows } = await sql<{ id: string; kind: string; attempts: number; message: unknown }>`
    update mail_outbox o set attempts = o.attempts + 1, next_attempt_at = ${leaseUntil}
    from (
      select id from mail_outbox
      where sent_at is null and failed_at is null and next_attempt_at <= ${now}
      order by next_attempt_at, created_at
      limit ${limit}
      for update skip locked
    ) due
    where o.id = due.id
    returning o.id, o.kind, o.attempts, o.message`.execute(db);
  return rows.map((r) => ({ id: r.id, kind: r.kind, attempts: r.attempts, mail: (typeof r.message === 'string' ? JSON.parse(r.message) : r.message) as Mail }));
}

/** Sent: the message is blanked (it may hold a single-use link); the row stays until purged. */
export async function markSent(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: at, message: null, last_error: null }).where('id', '=', id).execute();
}

/** Not sent this time: tried again at `nextAttemptAt`. `error` is a short reason without addresses. */
export async function markRetry(db: Kysely<Database>, id: string, nextAttemptAt: Date, error: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ next_attempt_at: nextAttemptAt, last_error: error }).where('id', '=', id).execute();
}

/** Refused for good by the mail server: not tried again. */
export async function markFailed(db: Kysely<Database>, id: string, at: Date, error: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ failed_at: at, last_error: error }).where('id', '=', id).execute();
}

/** Deletes rows sent or failed before `before`; returns how many. */
export async function purgeDone(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('mail_outbox')
    .where((eb) => eb.or([eb('sent_at', '<', before), eb('failed_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many mails wait, and how many were sent or failed (for tests and operations). */
export async function outboxCounts(db: Kysely<Database>): Promise<{ waiting: number; sent: number; failed: number }> {
  const { rows } = await sql<{ waiting: number; sent: number; failed: number }>`
    select count(*) filter (where sent_at is null and failed_at is null)::int as waiting,
           count(*) filter (where sent_at is not null)::int as sent,
           count(*) filter (where failed_at is not null)::int as failed
    from mail_outbox`.execute(db);
  return rows[0]!;
}
