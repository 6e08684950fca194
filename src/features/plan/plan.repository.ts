/** SQL for plans and their versions. */
import { sql, type Kysely } from 'kysely';
import { personName } from '../../shared/server/sql.ts';
import type { ClosingReason, Database } from '../../../db/schema.ts';
import type { PlanScope } from './deadline.domain.ts';
import type { PlanStatus } from './plan.domain.ts';
import { prepared } from '../../shared/server/prepared-query.ts';


export interface NewPlan {
  reference: string;
  subjectPersonId: string;
  requestId: string | null;
  scope: PlanScope;
  clockStartedAt: Date;
  firstContactDays: number;
  firstMeetingDays: number;
  firstContactAt: Date | null;
  firstContactNote: string | null;
  takenBy: string;
  coordinator: string;
  draft: unknown;
  at: Date;
}

export async function insertPlan(db: Kysely<Database>, p: NewPlan, principalIds: string[], unitIds: string[]): Promise<string> {
  const { id } = await db
    .insertInto('plan')
    .values({
      reference: p.reference,
      subject_person_id: p.subjectPersonId,
      request_id: p.requestId,
      scope: p.scope,
      status: 'preparing',
      clock_started_at: p.clockStartedAt,
      first_contact_days: p.firstContactDays,
      first_meeting_days: p.firstMeetingDays,
      first_contact_at: p.firstContactAt,
      first_contact_note: p.firstContactNote,
      taken_by_staff_account_id: p.takenBy,
      coordinator_staff_account_id: p.coordinator,
      draft: JSON.stringify(p.draft),
      created_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (principalIds.length > 0) await db.insertInto('plan_principal').values(principalIds.map((principal_id) => ({ plan_id: id, principal_id }))).execute();
  await addPlanUnits(db, id, unitIds);
  return id;
}

export async function addPlanUnits(db: Kysely<Database>, planId: string, unitIds: string[]): Promise<void> {
  if (unitIds.length === 0) return;
  await db
    .insertInto('plan_unit')
    .values(unitIds.map((unit_id) => ({ plan_id: planId, unit_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface PlanRow {
  id: string;
  reference: string;
  subjectPersonId: string;
  subjectName: string;
  subjectBirthDate: string;
  subjectEmail: string | null;
  requestId: string | null;
  scope: PlanScope;
  status: PlanStatus;
  clockStartedAt: Date;
  firstContactDays: number;
  firstMeetingDays: number;
  firstContactAt: Date | null;
  firstContactNote: string | null;
  coordinatorStaffAccountId: string | null;
  coordinatorName: string | null;
  draft: unknown;
  draftRevision: number;
  draftUpdatedAt: Date | null;
  draftUpdatedByName: string | null;
  offeredVersion: number | null;
  activeVersion: number | null;
  firstMeetingHeldAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  closedReason: string | null;
  /** YYYY-MM-DD */
  followUpDate: string | null;
  closingReason: ClosingReason | null;
  closingNote: string | null;
  closingProposedAt: Date | null;
  closingDeclinedAt: Date | null;
  closingDeclinedComment: string | null;
  leadPrincipalId: string | null;
}

/** The columns of a plan that lists show (the staff inbox reads only these: no draft, no notes). */
export const PLAN_LIST_COLUMNS = [
  'pl.id',
  'pl.reference',
  personName('p').as('subjectName'),
  'pl.scope',
  'pl.status',
  'pl.clock_started_at as clockStartedAt',
  'pl.first_contact_days as firstContactDays',
  'pl.first_meeting_days as firstMeetingDays',
  'pl.first_contact_at as firstContactAt',
  'pl.offered_version as offeredVersion',
  'pl.active_version as activeVersion',
  'pl.first_meeting_held_at as firstMeetingHeldAt',
  'pl.closed_at as closedAt',
  'pl.follow_up_date as followUpDate',
  'pl.closing_proposed_at as closingProposedAt',
  'pl.closing_declined_at as closingDeclinedAt',
] as const;

function planQuery(db: Kysely<Database>) {
  return db
    .selectFrom('plan as pl')
    .innerJoin('person as p', 'p.id', 'pl.subject_person_id')
    .leftJoin('staff_account as c', 'c.id', 'pl.coordinator_staff_account_id')
    .leftJoin('staff_account as e', 'e.id', 'pl.draft_updated_by_staff_account_id')
    .select([
      ...PLAN_LIST_COLUMNS,
      'pl.subject_person_id as subjectPersonId',
      sql<string>`to_char(p.birth_date, 'YYYY-MM-DD')`.as('subjectBirthDate'),
      'p.email as subjectEmail',
      'pl.request_id as requestId',
      'pl.first_contact_note as firstContactNote',
      'pl.coordinator_staff_account_id as coordinatorStaffAccountId',
      'c.name as coordinatorName',
      'pl.draft',
      'pl.draft_revision as draftRevision',
      'pl.draft_updated_at as draftUpdatedAt',
      'e.name as draftUpdatedByName',
      'pl.created_at as createdAt',
      'pl.closed_reason as closedReason',
      'pl.closing_reason as closingReason',
      'pl.closing_note as closingNote',
      'pl.closing_declined_comment as closingDeclinedComment',
      'pl.lead_principal_id as leadPrincipalId',
    ]);
}

export async function findPlan(db: Kysely<Database>, id: string): Promise<PlanRow | undefined> {
  return findPlanQuery.first(db, id);
}
const findPlanQuery = prepared((db: Kysely<Database>, id: string) =>
  planQuery(db).where('pl.id', '=', id),
);

/**
 * A plan with the units and principals it is shared between and the facts of its consent scope, in one
 * query: what an access decision needs (read on every plan page, where more round trips cost more than
 * the subqueries). The scope itself is decided by consentScope() (access/consent-scope.domain.ts).
 */
export interface PlanParties {
  units: { id: string; principalId: string }[];
  principalIds: string[];
  /** Whose consent the plan's request needs. */
  consentRequired: string[];
  /** The request's active consents: who gave each and its stored scope. */
  consentsGiven: { personId: string; scope: unknown }[];
}

export async function findPlanWithParties(db: Kysely<Database>, id: string): Promise<(PlanRow & PlanParties) | undefined> {
  return findPlanWithPartiesQuery.first(db, id);
}
const findPlanWithPartiesQuery = prepared((db: Kysely<Database>, id: string) =>
  planQuery(db)
    .select([
      sql<PlanParties['units']>`coalesce((select jsonb_agg(jsonb_build_object('id', pu.unit_id, 'principalId', u.principal_id)) from plan_unit pu join unit u on u.id = pu.unit_id where pu.plan_id = pl.id), '[]'::jsonb)`.as('units'),
      sql<string[]>`coalesce((select array_agg(principal_id) from plan_principal where plan_id = pl.id), '{}'::uuid[])`.as('principalIds'),
      sql<string[]>`coalesce((select array_agg(cr.person_id) from consent_requirement cr where cr.request_id = pl.request_id), '{}'::uuid[])`.as('consentRequired'),
      sql<PlanParties['consentsGiven']>`coalesce((select jsonb_agg(jsonb_build_object('personId', c.given_by_person_id, 'scope', c.scope)) from consent c where c.request_id = pl.request_id and c.withdrawn_at is null), '[]'::jsonb)`.as('consentsGiven'),
    ])
    .where('pl.id', '=', id),
);

export async function planIdForRequest(db: Kysely<Database>, requestId: string): Promise<string | undefined> {
  return (await db.selectFrom('plan').select('id').where('request_id', '=', requestId).executeTakeFirst())?.id;
}

export async function planPrincipalIds(db: Kysely<Database>, planId: string): Promise<string[]> {
  const rows = await db.selectFrom('plan_principal').select('principal_id').where('plan_id', '=', planId).execute();
  return rows.map((r) => r.principal_id);
}

/** Plans of these people (for their own pages), newest first. */
export async function plansOf(db: Kysely<Database>, subjectIds: string[]): Promise<PlanRow[]> {
  if (subjectIds.length === 0) return [];
  return plansOfQuery.rows(db, subjectIds);
}
const plansOfQuery = prepared((db: Kysely<Database>, subjectIds: readonly string[]) =>
  planQuery(db).where('pl.subject_person_id', 'in', subjectIds).orderBy('pl.created_at', 'desc'),
);

/**
 * Saves the draft if nobody else saved since `expectedRevision` was read; returns the new revision,
 * or undefined when the plan changed in between (the caller shows the conflict).
 */
export async function saveDraft(db: Kysely<Database>, planId: string, draft: unknown, expectedRevision: number, by: string, at: Date, extra: { coordinator?: string | null; leadPrincipal?: string | null } = {}): Promise<number | undefined> {
  const row = await db
    .updateTable('plan')
    .set((eb) => ({
      draft: JSON.stringify(draft),
      draft_revision: eb('draft_revision', '+', 1),
      draft_updated_at: at,
      draft_updated_by_staff_account_id: by,
      ...(extra.coordinator !== undefined ? { coordinator_staff_account_id: extra.coordinator } : {}),
      ...(extra.leadPrincipal !== undefined ? { lead_principal_id: extra.leadPrincipal } : {}),
    }))
    .where('id', '=', planId)
    .where('draft_revision', '=', expectedRevision)
    .returning('draft_revision')
    .executeTakeFirst();
  return row?.draft_revision;
}

export async function recordFirstContact(db: Kysely<Database>, planId: string, at: Date, note: string): Promise<void> {
  await db.updateTable('plan').set({ first_contact_at: at, first_contact_note: note }).where('id', '=', planId).execute();
}

/** Consent withdrawn: every open plan of the person closes; returns the plans closed. */
export async function closePlansOf(db: Kysely<Database>, subjectPersonId: string, reason: 'consentWithdrawn', at: Date): Promise<{ id: string; coordinatorStaffAccountId: string | null; reference: string }[]> {
  return db
    .updateTable('plan')
    .set({ status: 'closed', closed_at: at, closed_reason: reason, offered_version: null })
    .where('subject_person_id', '=', subjectPersonId)
    .where('status', '<>', 'closed')
    .returning(['id', 'coordinator_staff_account_id as coordinatorStaffAccountId', 'reference'])
    .execute();
}

// Meetings and invitations

export async function addPlanPrincipals(db: Kysely<Database>, planId: string, principalIds: string[]): Promise<void> {
  if (principalIds.length === 0) return;
  await db
    .insertInto('plan_principal')
    .values(principalIds.map((principal_id) => ({ plan_id: planId, principal_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
