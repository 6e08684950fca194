/** SQL for deviations: reporting, the handlers' list and case, the handling steps. */
import type { Kysely } from 'kysely';
import { personName } from '../../shared/server/sql.ts';
import type { Database, DeviationStatus, DeviationType } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export interface DeviationRow {
  id: string;
  planId: string;
  reference: string;
  subjectPersonId: string;
  subjectName: string;
  principalId: string;
  principalName: string;
  type: DeviationType;
  description: string;
  invitationName: string | null;
  reportedByStaffAccountId: string | null;
  reportedByPersonId: string | null;
  reporterName: string | null;
  reportedAt: Date;
  status: DeviationStatus;
  investigation: string;
  answer: string;
  handlerName: string | null;
  closedAt: Date | null;
}

// The names of the invitation, the reporter and the handler as scalar subqueries, not joins: with eight
// joined tables PostgreSQL spent 2 ms planning each reading of a plan's few deviations.
function deviationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('deviation as d')
    .innerJoin('plan as pl', 'pl.id', 'd.plan_id')
    .innerJoin('person as p', 'p.id', 'pl.subject_person_id')
    .innerJoin('principal as pr', 'pr.id', 'd.principal_id')
    .select((eb) => [
      'd.id',
      'd.plan_id as planId',
      'pl.reference',
      'pl.subject_person_id as subjectPersonId',
      personName('p').as('subjectName'),
      'd.principal_id as principalId',
      'pr.name as principalName',
      'd.type',
      'd.description',
      eb.selectFrom('invitation as i').select('i.name').whereRef('i.id', '=', 'd.invitation_id').as('invitationName'),
      'd.reported_by_staff_account_id as reportedByStaffAccountId',
      'd.reported_by_person_id as reportedByPersonId',
      eb.fn
        .coalesce(
          eb.selectFrom('staff_account as rs').select('rs.name').whereRef('rs.id', '=', 'd.reported_by_staff_account_id'),
          eb.selectFrom('person as rp').select(personName('rp').as('name')).whereRef('rp.id', '=', 'd.reported_by_person_id'),
        )
        .as('reporterName'),
      'd.reported_at as reportedAt',
      'd.status',
      'd.investigation',
      'd.answer',
      eb.selectFrom('staff_account as h').select('h.name').whereRef('h.id', '=', 'd.handled_by_staff_account_id').as('handlerName'),
      'd.closed_at as closedAt',
    ]);
}

export async function insertDeviation(
  db: Kysely<Database>,
  d: { planId: string; principalId: string; type: DeviationType; description: string; invitationId: string | null; staffAccountId: string | null; personId: string | null; at: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('deviation')
    .values({ plan_id: d.planId, principal_id: d.principalId, type: d.type, description: d.description, invitation_id: d.invitationId, reported_by_staff_account_id: d.staffAccountId, reported_by_person_id: d.personId, reported_at: d.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findDeviation(db: Kysely<Database>, id: string): Promise<DeviationRow | undefined> {
  return deviationQuery(db).where('d.id', '=', id).executeTakeFirst();
}

/** Deviations for the principals whose units this handler handles deviations in; open ones first. */
export async function deviationsForHandler(db: Kysely<Database>, handlerUnitIds: string[]): Promise<DeviationRow[]> {
  if (handlerUnitIds.length === 0) return [];
  return deviationQuery(db)
    .where('d.principal_id', 'in', (eb) => eb.selectFrom('unit').select('principal_id').where('id', 'in', handlerUnitIds))
    .orderBy((eb) => eb.case().when('d.status', '=', 'closed').then(1).else(0).end())
    .orderBy('d.reported_at', 'desc')
    .limit(500)
    .execute();
}

/** Deviations on a plan reported by people (the person's side), or by this staff member. */
export async function deviationsOnPlan(db: Kysely<Database>, planId: string, by: { persons: true } | { staffAccountId: string }): Promise<DeviationRow[]> {
  return 'persons' in by ? reportedByPersons.rows(db, planId) : reportedByStaff.rows(db, planId, by.staffAccountId);
}
// Read on every plan page: built and compiled once (prepared-query.ts).
const reportedByPersons = prepared((db: Kysely<Database>, planId: string) =>
  deviationQuery(db).where('d.plan_id', '=', planId).where('d.reported_by_person_id', 'is not', null).orderBy('d.reported_at', 'desc'),
);
const reportedByStaff = prepared((db: Kysely<Database>, planId: string, staffAccountId: string) =>
  deviationQuery(db).where('d.plan_id', '=', planId).where('d.reported_by_staff_account_id', '=', staffAccountId).orderBy('d.reported_at', 'desc'),
);

export async function unitIdsOfPrincipal(db: Kysely<Database>, principalId: string): Promise<string[]> {
  return (await db.selectFrom('unit').select('id').where('principal_id', '=', principalId).execute()).map((r) => r.id);
}

/** E-mail addresses of the principal's deviation handlers (active accounts). */
export async function handlerEmails(db: Kysely<Database>, principalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('unit_membership as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .innerJoin('staff_account as s', 's.id', 'm.staff_account_id')
    .select('s.email')
    .distinct()
    .where('u.principal_id', '=', principalId)
    .where('m.role', '=', 'deviationHandler')
    .where('s.disabled_at', 'is', null)
    .where('s.email', 'is not', null)
    .execute();
  return rows.map((r) => r.email!);
}

export async function updateHandling(db: Kysely<Database>, id: string, fromStatus: DeviationStatus, h: { status: DeviationStatus; investigation: string; answer: string; by: string; at: Date }): Promise<boolean> {
  const r = await db
    .updateTable('deviation')
    .set((eb) => ({
      status: h.status,
      investigation: h.investigation,
      answer: h.answer,
      handled_by_staff_account_id: h.by,
      investigating_at: eb.fn.coalesce('investigating_at', eb.val(h.at)),
      closed_at: h.status === 'closed' ? h.at : null,
    }))
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
