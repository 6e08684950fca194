/**
 * The scheduled jobs (`npm run jobs`, run by cron or a timer; the portal also runs them in-process every
 * JOBS_INTERVAL_SECONDS): follow-up reminders to coordinators, purging expired SIP-kollen invitations,
 * retention (see retention/retention.service.ts) and rebuilding the manager dashboard's rollup (see
 * stats/rollup.service.ts).
 * Idempotent, and safe with several instances: a session-level advisory lock lets one runner work at a
 * time, and each reminder is claimed by a primary-key insert in the same transaction that puts its mail
 * into the outbox, so a reminder is queued exactly once; the outbox's sender then delivers it (retrying
 * while the mail server is down). Without mail configured the claim is rolled back and tried next run.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { enqueueMails, type QueuedMail } from '../../shared/server/mail-outbox.ts';
import { addDays, swedishDate } from '../plan/deadline.domain.ts';
import * as feedbackRepo from '../feedback/feedback.repository.ts';
import { releasePools } from '../feedback/feedback.service.ts';
import type { FeedbackVault } from '../feedback/feedback-keys.ts';
import { REMIND_DAYS_BEFORE, reminderDue } from './follow-up.domain.ts';
import * as repo from './follow-up.repository.ts';
import { refreshRollup, type RollupResult } from '../stats/rollup.service.ts';
import { runRetention, type RetentionResult } from '../retention/retention.service.ts';
import { cutoffs } from '../retention/retention.domain.ts';
import type { RetentionConfig } from '../../shared/server/config.ts';

/** The advisory lock key of the jobs runner ("SIPJOBS" as a number). */
export const JOBS_LOCK = 0x5349_504a_4f42;

/** Writes a follow-up reminder for the outbox. */
export type ComposeReminder = (to: string, reference: string, kind: 'before' | 'overdue', date: string) => QueuedMail;

export interface JobsResult {
  /** Another runner held the lock: nothing done. */
  skipped: boolean;
  reminders: number;
  failed: number;
  purged: number;
  /** SIP-kollen answers released from full pools (0 without the vault). */
  released: number;
  /** What retention removed (null when skipped, or when no retention configuration was given). */
  retention: RetentionResult | null;
  /** The dashboard's rollup rebuilt (null when skipped). */
  stats: RollupResult | null;
}

class NotSent extends Error {}

/**
 * Runs every job once, unless another runner is at work. Retention runs only when `options.retention`
 * is given (the scripts pass the configuration's), before the rollup; full SIP-kollen pools are released
 * when `options.feedback` is given.
 */
export async function runJobs(db: Kysely<Database>, clock: Clock, compose: ComposeReminder, options: { statsFull?: boolean; retention?: RetentionConfig; feedback?: FeedbackVault } = {}): Promise<JobsResult> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${JOBS_LOCK}::bigint) as locked`.execute(conn);
    if (!rows[0]?.locked) return { skipped: true, reminders: 0, failed: 0, purged: 0, released: 0, retention: null, stats: null };
    try {
      const now = clock.now();
      const today = swedishDate(now);
      let reminders = 0;
      let failed = 0;
      for (const c of await repo.followUpsDueBy(conn, addDays(today, REMIND_DAYS_BEFORE))) {
        const kind = reminderDue(c.followUpDate, today);
        if (!kind || !c.coordinatorEmail) continue;
        try {
          const sent = await conn.transaction().execute(async (trx) => {
            if (!(await repo.claimReminder(trx, c.planId, c.followUpDate, kind, now))) return false;
            if ((await enqueueMails(trx, [compose(c.coordinatorEmail!, c.reference, kind, c.followUpDate)], now)) === 0) throw new NotSent();
            return true;
          });
          if (sent) reminders++;
        } catch (error) {
          if (!(error instanceof NotSent)) throw error;
          failed++;
        }
      }
      const purged = await feedbackRepo.purgeExpired(conn, now);
      // Answers normally leave the pool with the answer that fills it; this catches a lowered STATS_MIN_COUNT.
      const released = options.feedback ? await releasePools(conn, options.feedback, clock) : 0;
      const retention = options.retention ? await runRetention(conn, clock, options.retention) : null;
      // Removed plans must not shrink the statistics' history: the months before the horizon stay as counted.
      const keepCountedBefore = options.retention ? cutoffs(options.retention, now).closedPlansBefore : undefined;
      const stats = await refreshRollup(conn, clock, { full: options.statsFull, keepCountedBefore });
      return { skipped: false, reminders, failed, purged, released, retention, stats };
    } finally {
      await sql`select pg_advisory_unlock(${JOBS_LOCK}::bigint)`.execute(conn);
    }
  });
}
