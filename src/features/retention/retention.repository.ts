/**
 * SQL for retention (gallring). Rows that are due are claimed with FOR UPDATE SKIP LOCKED, so two runners
 * never remove (or count) the same plan twice; every delete is idempotent. Each function returns how many
 * rows it removed, per table, for the audit entry.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { AUDIT_FLOOR_DAYS } from './retention.domain.ts';

export type Removed = Record<string, number>;

const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

/** Closed plans due for removal (oldest first), locked for this transaction; skips plans another runner holds. */
export async function claimDuePlans(db: Kysely<Database>, closedBefore: Date, limit: number): Promise<{ id: string; requestId: string | null }[]> {
  return db
    .selectFrom('plan')
    .select(['id', 'request_id as requestId'])
    .where('status', '=', 'closed')
    .where('closed_at', '<', closedBefore)
    .orderBy('closed_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/**
 * Deletes plans with everything that hangs on them: meetings, invitations, SIP-kollen invitations,
 * follow-ups with their goal assessments, reminders, deviations, versions, units, principals — and then
 * the plans' requests with their consents. Anonymous SIP-kollen answers and the statistics rollup stay.
 */
export async function deletePlans(db: Kysely<Database>, plans: { id: string; requestId: string | null }[]): Promise<Removed> {
  const ids = plans.map((p) => p.id);
  if (ids.length === 0) return {};
  const meetings = db.selectFrom('meeting').select('id').where('plan_id', 'in', ids);
  const followUps = db.selectFrom('follow_up').select('id').where('plan_id', 'in', ids);
  const removed: Removed = {};
  removed.feedback_invitation = n(await db.deleteFrom('feedback_invitation').where('meeting_id', 'in', meetings).executeTakeFirst());
  removed.goal_assessment = n(await db.deleteFrom('goal_assessment').where('follow_up_id', 'in', followUps).executeTakeFirst());
  removed.follow_up = n(await db.deleteFrom('follow_up').where('plan_id', 'in', ids).executeTakeFirst());
  removed.follow_up_reminder = n(await db.deleteFrom('follow_up_reminder').where('plan_id', 'in', ids).executeTakeFirst());
  removed.deviation = n(await db.deleteFrom('deviation').where('plan_id', 'in', ids).executeTakeFirst());
  removed.invitation = n(await db.deleteFrom('invitation').where('meeting_id', 'in', meetings).executeTakeFirst());
  removed.meeting = n(await db.deleteFrom('meeting').where('plan_id', 'in', ids).executeTakeFirst());
  removed.plan_version = n(await db.deleteFrom('plan_version').where('plan_id', 'in', ids).executeTakeFirst());
  removed.plan_unit = n(await db.deleteFrom('plan_unit').where('plan_id', 'in', ids).executeTakeFirst());
  removed.plan_principal = n(await db.deleteFrom('plan_principal').where('plan_id', 'in', ids).executeTakeFirst());
  removed.consent_scope_request = n(await db.deleteFrom('consent_scope_request').where('plan_id', 'in', ids).executeTakeFirst());
  removed.plan = n(await db.deleteFrom('plan').where('id', 'in', ids).executeTakeFirst());
  const requestIds = plans.flatMap((p) => (p.requestId ? [p.requestId] : []));
  for (const [table, count] of Object.entries(await deleteRequests(db, requestIds))) removed[table] = count;
  return removed;
}

/**
 * Requests that ended without a plan (declined, consent withdrawn) before `before`, and requests still
 * waiting for consent created before it; never one a plan points to. Locked like the plans.
 */
export async function claimDueRequests(db: Kysely<Database>, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('sip_request as r')
    .select('r.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('r.status', '=', 'closed'), eb('r.closed_at', '<', before)]),
        eb.and([eb('r.status', '=', 'awaitingConsent'), eb('r.created_at', '<', before)]),
      ]),
    )
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('plan').select('plan.id').whereRef('plan.request_id', '=', 'r.id'))))
    .orderBy('r.created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes requests with their principals, consent requirements and consents. */
export async function deleteRequests(db: Kysely<Database>, ids: string[]): Promise<Removed> {
  if (ids.length === 0) return {};
  const consents = db.selectFrom('consent').select('id').where('request_id', 'in', ids);
  const removed: Removed = {};
  removed.consent_requirement = n(
    await db
      .deleteFrom('consent_requirement')
      .where((eb) => eb.or([eb('request_id', 'in', ids), eb('consent_id', 'in', consents)]))
      .executeTakeFirst(),
  );
  removed.consent = n(await db.deleteFrom('consent').where('request_id', 'in', ids).executeTakeFirst());
  removed.sip_request_principal = n(await db.deleteFrom('sip_request_principal').where('request_id', 'in', ids).executeTakeFirst());
  removed.sip_request = n(await db.deleteFrom('sip_request').where('id', 'in', ids).executeTakeFirst());
  return removed;
}

/** Request drafts not changed since `before`. */
export async function deleteDraftsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  return n(await db.deleteFrom('form_draft').where('updated_at', '<', before).executeTakeFirst());
}

/** Sessions that ended long enough ago (idle since `idleBefore`, or started before `createdBefore`). */
export async function deleteEndedSessions(db: Kysely<Database>, idleBefore: Date, createdBefore: Date): Promise<number> {
  return n(
    await db
      .deleteFrom('session')
      .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]))
      .executeTakeFirst(),
  );
}

export async function deleteLoginAttemptsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  return n(await db.deleteFrom('login_attempt').where('created_at', '<', before).executeTakeFirst());
}

/**
 * Removes up to `limit` audit events older than `before` — and never one younger than AUDIT_FLOOR_DAYS by
 * the server's clock, which the trigger also refuses. Run inside a transaction: the setting is local to it.
 */
export async function deleteAuditEventsBefore(db: Kysely<Database>, before: Date, limit: number): Promise<number> {
  await sql`select set_config('sip.audit_retention', 'on', true)`.execute(db);
  const floor = sql<Date>`now() - make_interval(days => ${AUDIT_FLOOR_DAYS})`;
  const due = db
    .selectFrom('audit_event')
    .select('id')
    .where('occurred_at', '<', before)
    .where('occurred_at', '<', floor)
    .orderBy('occurred_at')
    .limit(limit);
  return n(await db.deleteFrom('audit_event').where('id', 'in', due).executeTakeFirst());
}

const asDate = (value: string | undefined) => {
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
};

/**
 * Locks an app_metadata stamp for this transaction and returns its date (undefined when never written).
 * `locked` is false when another runner created the row at the same moment (it is doing the work).
 */
export async function lockStamp(db: Kysely<Database>, key: string, at: Date): Promise<{ locked: boolean; previous: Date | undefined }> {
  const row = await db.selectFrom('app_metadata').select('value').where('key', '=', key).forUpdate().executeTakeFirst();
  if (row) return { locked: true, previous: asDate(row.value) };
  const inserted = await db
    .insertInto('app_metadata')
    .values({ key, value: '', updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return { locked: !!inserted, previous: undefined };
}

/** Sets a stamp locked by lockStamp. */
export async function writeStamp(db: Kysely<Database>, key: string, at: Date): Promise<void> {
  await db
    .updateTable('app_metadata')
    .set({ value: at.toISOString(), updated_at: at })
    .where('key', '=', key)
    .execute();
}
