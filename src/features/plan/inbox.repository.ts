/** SQL of the staff inbox: a staff member's open plans a page at a time, and the recently withdrawn. */
import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { PLAN_LIST_COLUMNS, type PlanRow } from './plan.repository.ts';

/** What the staff inbox lists of a plan: no draft, no notes (50 drafts parsed per page for nothing). */
export type InboxPlanRow = Pick<
  PlanRow,
  | 'id' | 'reference' | 'subjectName' | 'scope' | 'status' | 'clockStartedAt' | 'firstContactDays' | 'firstMeetingDays' | 'firstContactAt'
  | 'offeredVersion' | 'activeVersion' | 'firstMeetingHeldAt' | 'closedAt' | 'followUpDate' | 'closingProposedAt' | 'closingDeclinedAt'
>;

function inboxPlanQuery(db: Kysely<Database>) {
  return db.selectFrom('plan as pl').innerJoin('person as p', 'p.id', 'pl.subject_person_id').select(PLAN_LIST_COLUMNS);
}

/**
 * How the inbox finds a staff member's open plans in order, oldest first (measured at 100 k plans, 60 000
 * open): units in few plans have them read directly (Skogsby's, in none: 0.2 ms; walking every open plan
 * took 70 ms); units in many have the open plans walked in order with an index lookup of each, until the
 * page is full (Karin's units, in 22 000 plans: 0.5 ms for the first page; reading them all: 20 ms); past
 * the first thousand the units' plans are read into a hash once. (`tuning` lets a test try each way.)
 */
export const INBOX_TUNING = { fewUnitPlans: 5000, walkUpTo: 1001 };

async function unitPlanRowsUpTo(db: Kysely<Database>, unitIds: string[], upTo: number): Promise<number> {
  const some = db.selectFrom('plan_unit').select('plan_id').where('unit_id', 'in', unitIds).limit(upTo);
  const row = await db.selectFrom(some.as('s')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The first `upTo` open plans these units take part in or this staff member coordinates, oldest first. */
async function firstOpenPlans(db: Kysely<Database>, unitIds: string[], staffAccountId: string, upTo: number, tuning: typeof INBOX_TUNING) {
  const few = unitIds.length === 0 || (upTo <= tuning.walkUpTo && (await unitPlanRowsUpTo(db, unitIds, tuning.fewUnitPlans)) < tuning.fewUnitPlans);
  if (few) {
    const coordinated = db
      .selectFrom('plan as pl')
      .select(['pl.id', 'pl.clock_started_at'])
      .where('pl.status', '<>', 'closed')
      .where('pl.coordinator_staff_account_id', '=', staffAccountId);
    const all =
      unitIds.length === 0
        ? coordinated
        : coordinated.union(
            db
              .selectFrom('plan_unit as pu')
              .innerJoin('plan as pl', 'pl.id', 'pu.plan_id')
              .select(['pl.id', 'pl.clock_started_at'])
              .where('pu.unit_id', 'in', unitIds)
              .where('pl.status', '<>', 'closed'),
          );
    return db.selectFrom(all.as('pl')).select(['pl.id', 'pl.clock_started_at']).orderBy('pl.clock_started_at').orderBy('pl.id').limit(upTo);
  }
  return db
    .selectFrom('plan as pl')
    .select(['pl.id', 'pl.clock_started_at'])
    .where('pl.status', '<>', 'closed')
    .where((eb) => takesPart(eb, unitIds, staffAccountId, upTo <= tuning.walkUpTo))
    .orderBy('pl.clock_started_at')
    .orderBy('pl.id')
    .limit(upTo);
}

/**
 * One page of the open plans these units take part in or this staff member coordinates, oldest first,
 * and how many there are, counted up to `countUpTo` (no further: a unit may take part in tens of
 * thousands, and counting them all was half the inbox's database time at 100 k plans).
 */
export async function openPlansPage(
  db: Kysely<Database>,
  unitIds: string[],
  staffAccountId: string,
  page: { limit: number; offset: number },
  countUpTo: number,
  tuning = INBOX_TUNING,
): Promise<{ rows: InboxPlanRow[]; counted: number }> {
  // The page's ids first (narrow rows), counted over the first `upTo` in the same reading; then those
  // rows in full (sorting every open plan with its person and draft took three times as long).
  const first = await firstOpenPlans(db, unitIds, staffAccountId, Math.max(countUpTo, page.offset + page.limit), tuning);
  const ids = await db
    .selectFrom(first.as('f'))
    .select(['f.id', (eb) => eb.fn.countAll<number>().over().as('counted')])
    .orderBy('f.clock_started_at')
    .orderBy('f.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  if (ids.length === 0) {
    // A page past the end: only the count.
    const row = await db.selectFrom(first.as('f')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return { rows: [], counted: Number(row?.n ?? 0) };
  }
  const rows = await inboxPlanQuery(db).where('pl.id', 'in', ids.map((r) => r.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.flatMap((r) => byId.get(r.id) ?? []), counted: Number(ids[0]!.counted) };
}

/**
 * The plan is coordinated by this staff member or one of these units takes part. `perPlan` checks the
 * units plan by plan (an index lookup each), for queries that stop after few plans; without it the
 * units' plans are read once into a hash, for queries that go through many. (A scalar subquery with a
 * limit: PostgreSQL may turn an EXISTS into the hash even under a LIMIT.)
 */
function takesPart(eb: ExpressionBuilder<Database & { pl: Database['plan'] }, 'pl'>, unitIds: string[], staffAccountId: string, perPlan = false) {
  const coordinator = eb('pl.coordinator_staff_account_id', '=', staffAccountId);
  if (unitIds.length === 0) return eb.or([coordinator]);
  const unitTakesPart = perPlan
    ? sql<SqlBool>`coalesce(${eb.selectFrom('plan_unit as pu').select(sql<boolean>`true`.as('t')).whereRef('pu.plan_id', '=', 'pl.id').where('pu.unit_id', 'in', unitIds).limit(1)}, false)`
    : eb('pl.id', 'in', eb.selectFrom('plan_unit').select('plan_id').where('unit_id', 'in', unitIds));
  return eb.or([coordinator, unitTakesPart]);
}

/** Plans closed since `since` because consent was withdrawn, for those who took part (staff are told). */
export async function recentlyWithdrawnFor(db: Kysely<Database>, unitIds: string[], staffAccountId: string, since: Date): Promise<InboxPlanRow[]> {
  return inboxPlanQuery(db)
    .where('pl.status', '=', 'closed')
    .where('pl.closed_reason', '=', 'consentWithdrawn')
    .where('pl.closed_at', '>=', since)
    .where((eb) => takesPart(eb, unitIds, staffAccountId, true))
    .orderBy('pl.closed_at', 'desc')
    .execute();
}
