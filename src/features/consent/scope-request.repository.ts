/** SQL for widening a consent: the coordinator's questions, the answers, and the consents they add. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { personName } from '../../shared/server/sql.ts';

export interface ScopeRequestRow {
  id: string;
  planId: string;
  principalId: string;
  principalName: string;
  askedByName: string | null;
  reason: string;
  askedAt: Date;
  status: 'open' | 'accepted' | 'declined' | 'cancelled';
  answeredAt: Date | null;
}

function scopeRequests(db: Kysely<Database>) {
  return db
    .selectFrom('consent_scope_request as r')
    .innerJoin('principal as p', 'p.id', 'r.principal_id')
    .leftJoin('staff_account as s', 's.id', 'r.asked_by_staff_account_id')
    .select(['r.id', 'r.plan_id as planId', 'r.principal_id as principalId', 'p.name as principalName', 's.name as askedByName', 'r.reason', 'r.asked_at as askedAt', 'r.status', 'r.answered_at as answeredAt']);
}

/** The questions asked about one plan, newest first. */
export async function scopeRequestsOf(db: Kysely<Database>, planId: string): Promise<ScopeRequestRow[]> {
  return scopeRequests(db).where('r.plan_id', '=', planId).orderBy('r.asked_at', 'desc').execute();
}

export async function findScopeRequest(db: Kysely<Database>, id: string): Promise<ScopeRequestRow | undefined> {
  return scopeRequests(db).where('r.id', '=', id).executeTakeFirst();
}

/** Opens a question; false when one about the same principal is open already. */
export async function insertScopeRequest(db: Kysely<Database>, r: { planId: string; principalId: string; staffAccountId: string; reason: string; at: Date }): Promise<string | undefined> {
  const row = await db
    .insertInto('consent_scope_request')
    .values({ plan_id: r.planId, principal_id: r.principalId, asked_by_staff_account_id: r.staffAccountId, reason: r.reason, asked_at: r.at })
    // The partial index's predicate as a literal: PostgreSQL infers the index only from the same expression.
    .onConflict((oc) => oc.columns(['plan_id', 'principal_id']).where('status', '=', sql.lit('open')).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Closes an open question with its outcome; false when it was no longer open (answered at the same moment). */
export async function closeScopeRequest(db: Kysely<Database>, id: string, status: 'accepted' | 'declined', byPersonId: string | null, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('consent_scope_request')
    .set({ status, answered_at: at, answered_by_person_id: byPersonId })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open questions about the plans of these people (for "My SIP"), oldest first. */
export async function openScopeRequestsAbout(db: Kysely<Database>, subjectIds: string[]): Promise<(ScopeRequestRow & { reference: string; subjectPersonId: string; subjectName: string })[]> {
  if (subjectIds.length === 0) return [];
  return scopeRequests(db)
    .innerJoin('plan as pl', 'pl.id', 'r.plan_id')
    .innerJoin('person as pe', 'pe.id', 'pl.subject_person_id')
    .select(['pl.reference', 'pl.subject_person_id as subjectPersonId', personName('pe').as('subjectName')])
    .where('r.status', '=', 'open')
    .where('pl.status', '<>', 'closed')
    .where('pl.subject_person_id', 'in', subjectIds)
    .orderBy('r.asked_at')
    .execute();
}

/** A consent that names more principals, tied to the plan's request (so withdrawal ends it with the rest). */
export async function insertWidenedConsent(
  db: Kysely<Database>,
  c: { subjectPersonId: string; givenByPersonId: string; givenAs: 'self' | 'guardian' | 'representative'; requestId: string; principals: { id: string; name: string }[]; at: Date; recordedBy?: { staffAccountId: string; obtainedHow: 'inWriting' | 'orally' | 'inPerson' } },
): Promise<string> {
  const { id } = await db
    .insertInto('consent')
    .values({
      subject_person_id: c.subjectPersonId,
      given_by_person_id: c.givenByPersonId,
      given_as: c.givenAs,
      request_id: c.requestId,
      scope: JSON.stringify({ principals: c.principals }),
      text_version: c.recordedBy ? 'staff-recorded-widening-2026-12' : 'widening-2026-12',
      given_at: c.at,
      ...(c.recordedBy ? { recorded_by_staff_account_id: c.recordedBy.staffAccountId, obtained_how: c.recordedBy.obtainedHow } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Whose consent the request needs, with their role (the subject, a guardian, a representative). */
export async function requiredConsenters(db: Kysely<Database>, requestId: string): Promise<{ personId: string; role: 'subject' | 'guardian' | 'representative' }[]> {
  return db.selectFrom('consent_requirement').select(['person_id as personId', 'role']).where('request_id', '=', requestId).execute();
}

/** The request's active consents: who gave each and the principals (with names) it names. */
export async function activeConsents(db: Kysely<Database>, requestId: string): Promise<{ personId: string; scope: unknown }[]> {
  return db.selectFrom('consent').select(['given_by_person_id as personId', 'scope']).where('request_id', '=', requestId).where('withdrawn_at', 'is', null).orderBy('given_at').execute();
}

/** The principal joins the plan: its staff may be invited and its units given actions. */
export async function addPlanPrincipal(db: Kysely<Database>, planId: string, principalId: string): Promise<void> {
  await db.insertInto('plan_principal').values({ plan_id: planId, principal_id: principalId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function principalNames(db: Kysely<Database>, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('principal').select(['id', 'name']).where('id', 'in', [...ids]).orderBy('name').execute();
}
