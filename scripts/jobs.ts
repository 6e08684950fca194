/**
 * `npm run jobs [-- --stats-full]`: runs the scheduled jobs once (follow-up reminders, purging expired
 * SIP-kollen invitations, retention, the dashboard's rollup — all of it with --stats-full), then sends what
 * waits in the mail outbox, and prints what it did. For cron or a systemd timer next to a PostgreSQL deployment; safe
 * to run from several machines at once. With the embedded database the portal runs the same jobs itself
 * (JOBS_INTERVAL_SECONDS), since a PGlite folder is open in one process only.
 */
import { ConfigError, loadConfig } from '../src/shared/server/config.ts';
import { closeDatabase, getDatabase } from '../src/shared/server/db.ts';
import { PgliteLockedError } from '../src/shared/server/pglite-lock.ts';
import { systemClock } from '../src/shared/time/clock.ts';
import { runJobs } from '../src/features/follow-up/jobs.service.ts';
import { optionalServerVault } from '../src/features/feedback/vault.ts';
import { followUpReminderMail } from '../src/features/follow-up/reminder-mail.ts';
import { drainOutbox } from '../src/shared/server/mail-outbox.ts';
import { mailEnabled } from '../src/shared/server/mail.ts';

try {
  const { db } = await getDatabase();
  const result = await runJobs(db, systemClock, followUpReminderMail, { statsFull: process.argv.includes('--stats-full'), retention: loadConfig().retention, feedback: optionalServerVault() });
  const r = result.retention;
  console.log(result.skipped ? 'jobs: another runner is at work; nothing done' : `jobs: ${result.reminders} reminder(s) queued, ${result.failed} not queued (no mail configured; tried again next run), ${result.purged} expired feedback invitation(s) removed, ${process.env.FEEDBACK_POOL_KEY || loadConfig().mode === 'demo' ? `${result.released} SIP-kollen answer(s) released` : 'SIP-kollen pools left alone (no FEEDBACK_POOL_KEY)'}; retention: ${r?.plans} closed plan(s), ${r?.requests} request(s), ${r?.drafts} draft(s), ${r?.sessions} session(s), ${r?.loginAttempts} unfinished login(s), ${r?.usedTokens} used feedback token(s), ${r?.auditEvents} audit event(s) removed; statistics: ${result.stats!.full ? 'all' : 'recent'} ${result.stats!.months} month(s), ${result.stats!.cells} cells in ${result.stats!.ms} ms`);
  if (mailEnabled()) {
    // Safe beside the portal's own sender: each mail is claimed with FOR UPDATE SKIP LOCKED.
    const mail = await drainOutbox(db, systemClock);
    console.log(`mail: ${mail.sent} sent, ${mail.retried} to retry, ${mail.failed} refused by the mail server, ${mail.purged} old row(s) removed`);
  }
} catch (error) {
  if (error instanceof PgliteLockedError) {
    console.error('jobs: the embedded database is open in the running portal, which runs these jobs itself (JOBS_INTERVAL_SECONDS).');
    process.exitCode = 1;
  } else if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await closeDatabase();
}
