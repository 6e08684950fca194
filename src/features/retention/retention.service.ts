/**
 * Retention (gallring), run by the jobs runner: closed plans with everything on them, requests that ended
 * without a plan, request drafts, ended sessions and unfinished logins, used SIP-kollen tokens, and — on
 * its own, longer period — the audit log. One transaction per batch; each batch that removed anything
 * leaves one audit entry with the number of rows per table (no ids, no personal data). Idempotent, and
 * safe with two runners: due rows are claimed with FOR UPDATE SKIP LOCKED.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { RetentionConfig } from '../../shared/server/config.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { rotateUsedTokens } from '../feedback/feedback.repository.ts';
import { AUDIT_BATCH, PLAN_BATCH, cutoffs, tokenRotationDue } from './retention.domain.ts';
import * as repo from './retention.repository.ts';

/** The audit action of a retention batch; `record_id` says which kind of data, `context` the counts. */
export const RETENTION_ACTION = 'retention.remove';
const TOKEN_ROTATION_STAMP = 'retention.feedbackTokensRotatedAt';

export interface RetentionResult {
  plans: number;
  requests: number;
  drafts: number;
  sessions: number;
  loginAttempts: number;
  usedTokens: number;
  auditEvents: number;
}

function total(removed: repo.Removed, into: repo.Removed): void {
  for (const [table, count] of Object.entries(removed)) into[table] = (into[table] ?? 0) + count;
}

async function audit(db: Kysely<Database>, kind: string, removed: repo.Removed, at: Date): Promise<void> {
  const counts = Object.fromEntries(Object.entries(removed).filter(([, c]) => c > 0));
  if (Object.keys(counts).length === 0) return;
  await recordAudit(db, { actor: { kind: 'system' }, action: RETENTION_ACTION, record: { type: 'retention', id: kind }, context: JSON.stringify(counts), at });
}

/** Removes batches until a batch comes back short; `step` runs inside one transaction and returns its counts. */
async function inBatches(db: Kysely<Database>, kind: string, at: Date, limit: number, step: (trx: Kysely<Database>) => Promise<{ claimed: number; removed: repo.Removed }>): Promise<repo.Removed> {
  const all: repo.Removed = {};
  for (;;) {
    const { claimed, removed } = await db.transaction().execute(async (trx) => {
      const result = await step(trx);
      await audit(trx, kind, result.removed, at);
      return result;
    });
    total(removed, all);
    if (claimed < limit) return all;
  }
}

async function rotateTokens(trx: Kysely<Database>, config: RetentionConfig, now: Date): Promise<number> {
  // The stamp row is locked, so a second runner waits and then finds the rotation done.
  const stamp = await repo.lockStamp(trx, TOKEN_ROTATION_STAMP, now);
  if (!stamp.locked || !tokenRotationDue(config, stamp.previous, now)) return 0;
  await repo.writeStamp(trx, TOKEN_ROTATION_STAMP, now);
  return rotateUsedTokens(trx);
}

/** Applies every retention period at the clock's time. */
export async function runRetention(db: Kysely<Database>, clock: Clock, config: RetentionConfig): Promise<RetentionResult> {
  const now = clock.now();
  const due = cutoffs(config, now);
  const plans = await inBatches(db, 'plans', now, PLAN_BATCH, async (trx) => {
    const claimed = await repo.claimDuePlans(trx, due.closedPlansBefore, PLAN_BATCH);
    return { claimed: claimed.length, removed: await repo.deletePlans(trx, claimed) };
  });
  const requests = await inBatches(db, 'requests', now, PLAN_BATCH, async (trx) => {
    const claimed = await repo.claimDueRequests(trx, due.requestsBefore, PLAN_BATCH);
    return { claimed: claimed.length, removed: await repo.deleteRequests(trx, claimed) };
  });
  const small = await inBatches(db, 'sessionsAndDrafts', now, 1, async (trx) => ({
    claimed: 0,
    removed: {
      form_draft: await repo.deleteDraftsBefore(trx, due.draftsBefore),
      session: await repo.deleteEndedSessions(trx, due.sessionsIdleBefore, due.sessionsCreatedBefore),
      login_attempt: await repo.deleteLoginAttemptsBefore(trx, due.loginAttemptsBefore),
      feedback_used_token: await rotateTokens(trx, config, now),
    },
  }));
  const audited = await inBatches(db, 'auditLog', now, AUDIT_BATCH, async (trx) => {
    const removed = await repo.deleteAuditEventsBefore(trx, due.auditBefore, AUDIT_BATCH);
    return { claimed: removed, removed: { audit_event: removed } };
  });
  return {
    plans: plans.plan ?? 0,
    requests: (plans.sip_request ?? 0) + (requests.sip_request ?? 0),
    drafts: small.form_draft ?? 0,
    sessions: small.session ?? 0,
    loginAttempts: small.login_attempt ?? 0,
    usedTokens: small.feedback_used_token ?? 0,
    auditEvents: audited.audit_event ?? 0,
  };
}
