/** SQL for plan versions: immutable once written; offered, accepted or sent back with a comment. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export interface VersionRow {
  version: number;
  content: unknown;
  offeredAt: Date;
  offeredByName: string | null;
  acceptedAt: Date | null;
  acceptedByName: string | null;
  changeRequest: string | null;
  changeRequestedAt: Date | null;
}

function versionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('plan_version as v')
    .leftJoin('staff_account as s', 's.id', 'v.offered_by_staff_account_id')
    .leftJoin('person as a', 'a.id', 'v.accepted_by_person_id')
    .select([
      'v.version',
      'v.content',
      'v.offered_at as offeredAt',
      's.name as offeredByName',
      'v.accepted_at as acceptedAt',
      sql<string | null>`case when a.id is null then null else a.given_name || ' ' || a.family_name end`.as('acceptedByName'),
      'v.change_request as changeRequest',
      'v.change_requested_at as changeRequestedAt',
    ]);
}

export async function versionsOf(db: Kysely<Database>, planId: string): Promise<VersionRow[]> {
  return versionsOfQuery.rows(db, planId);
}
const versionsOfQuery = prepared((db: Kysely<Database>, planId: string) =>
  versionQuery(db).where('v.plan_id', '=', planId).orderBy('v.version', 'desc'),
);

/** The latest version number and change request of each plan, in one query (an inbox page). */
export async function latestVersionsOf(db: Kysely<Database>, planIds: readonly string[]): Promise<Map<string, { version: number; changeRequest: string | null }>> {
  if (planIds.length === 0) return new Map();
  const rows = await latestVersionsQuery.rows(db, planIds);
  return new Map(rows.map((r) => [r.plan_id, { version: r.version, changeRequest: r.change_request }]));
}
const latestVersionsQuery = prepared((db: Kysely<Database>, planIds: readonly string[]) =>
  db
    .selectFrom('plan_version')
    .select(['plan_id', 'version', 'change_request'])
    .distinctOn('plan_id')
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('version', 'desc'),
);

export async function findVersion(db: Kysely<Database>, planId: string, version: number): Promise<VersionRow | undefined> {
  return findVersionQuery.first(db, planId, version);
}
const findVersionQuery = prepared((db: Kysely<Database>, planId: string, version: number) =>
  versionQuery(db).where('v.plan_id', '=', planId).where('v.version', '=', version),
);

export async function latestVersionNumber(db: Kysely<Database>, planId: string): Promise<number | null> {
  const row = await db.selectFrom('plan_version').select((eb) => eb.fn.max('version').as('v')).where('plan_id', '=', planId).executeTakeFirst();
  return row?.v == null ? null : Number(row.v);
}

export async function insertVersion(db: Kysely<Database>, planId: string, version: number, content: unknown, by: string, at: Date): Promise<void> {
  await db.insertInto('plan_version').values({ plan_id: planId, version, content: JSON.stringify(content), offered_at: at, offered_by_staff_account_id: by }).execute();
  await db.updateTable('plan').set({ offered_version: version }).where('id', '=', planId).execute();
}

/** The person accepts the offered version: it becomes the active plan. False when it is no longer offered. */
/** The person accepts the offered version: it is in force, and its follow-up date becomes the plan's. */
export async function acceptVersion(db: Kysely<Database>, planId: string, version: number, byPersonId: string, at: Date, followUpDate: string | null): Promise<boolean> {
  const r = await db
    .updateTable('plan')
    .set({ status: 'active', active_version: version, offered_version: null, follow_up_date: followUpDate })
    .where('id', '=', planId)
    .where('offered_version', '=', version)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.updateTable('plan_version').set({ accepted_at: at, accepted_by_person_id: byPersonId }).where('plan_id', '=', planId).where('version', '=', version).execute();
  return true;
}

/** The person asks for changes: the version is no longer offered; staff see the comment. */
export async function requestChanges(db: Kysely<Database>, planId: string, version: number, comment: string, byPersonId: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('plan').set({ offered_version: null }).where('id', '=', planId).where('offered_version', '=', version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('plan_version')
    .set({ change_request: comment, change_requested_at: at, change_requested_by_person_id: byPersonId })
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .execute();
  return true;
}
