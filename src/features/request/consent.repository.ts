/** SQL for consents: given, required of whom, withdrawn. */
import { sql, type Kysely } from 'kysely';
import { personName } from '../../shared/server/sql.ts';
import type { Database } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export async function insertConsent(
  db: Kysely<Database>,
  c: { subjectPersonId: string; givenByPersonId: string; givenAs: 'self' | 'guardian' | 'representative'; requestId: string; scope: unknown; textVersion: string; at: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('consent')
    .values({
      subject_person_id: c.subjectPersonId,
      given_by_person_id: c.givenByPersonId,
      given_as: c.givenAs,
      request_id: c.requestId,
      scope: JSON.stringify(c.scope),
      text_version: c.textVersion,
      given_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertRequirement(db: Kysely<Database>, r: { requestId: string; personId: string; role: 'subject' | 'guardian' | 'representative'; consentId: string | null }): Promise<void> {
  await db.insertInto('consent_requirement').values({ request_id: r.requestId, person_id: r.personId, role: r.role, consent_id: r.consentId }).execute();
}

export interface RequirementRow {
  personId: string;
  name: string;
  role: 'subject' | 'guardian' | 'representative';
  consentId: string | null;
  withdrawn: boolean;
}

export async function requirementsOf(db: Kysely<Database>, requestId: string): Promise<RequirementRow[]> {
  return requirementsOfQuery.rows(db, requestId);
}
const requirementsOfQuery = prepared((db: Kysely<Database>, requestId: string) =>
  db
    .selectFrom('consent_requirement as cr')
    .innerJoin('person as p', 'p.id', 'cr.person_id')
    .leftJoin('consent as c', 'c.id', 'cr.consent_id')
    .select([
      'cr.person_id as personId',
      personName('p').as('name'),
      'cr.role',
      'cr.consent_id as consentId',
      sql<boolean>`c.withdrawn_at is not null`.as('withdrawn'),
    ])
    .where('cr.request_id', '=', requestId)
    .orderBy('cr.role')
    .orderBy('p.given_name'),
);

/** Requests waiting for this person's consent (their tasks). */
export async function pendingConsentsFor(db: Kysely<Database>, personId: string): Promise<{ requestId: string; reference: string; subjectName: string; requesterName: string | null; role: string }[]> {
  return pendingConsentsForQuery.rows(db, personId);
}
const pendingConsentsForQuery = prepared((db: Kysely<Database>, personId: string) =>
  db
    .selectFrom('consent_requirement as cr')
    .innerJoin('sip_request as r', 'r.id', 'cr.request_id')
    .innerJoin('person as p', 'p.id', 'r.subject_person_id')
    // Who asked: the person who sent it, or the staff member who registered it.
    .leftJoin('person as sp', 'sp.id', 'r.submitted_by_person_id')
    .leftJoin('staff_account as sa', 'sa.id', 'r.created_by_staff_account_id')
    .select(['r.id as requestId', 'r.reference', personName('p').as('subjectName'), sql<string | null>`coalesce(${personName('sp')}, sa.name)`.as('requesterName'), 'cr.role'])
    .where('cr.person_id', '=', personId)
    .where('cr.consent_id', 'is', null)
    .where('r.status', '=', 'awaitingConsent')
    .orderBy('r.created_at'),
);

export async function satisfyRequirement(db: Kysely<Database>, requestId: string, personId: string, consentId: string): Promise<void> {
  await db.updateTable('consent_requirement').set({ consent_id: consentId }).where('request_id', '=', requestId).where('person_id', '=', personId).execute();
}

export interface ConsentRow {
  id: string;
  subjectPersonId: string;
  subjectName: string;
  givenByPersonId: string;
  givenByName: string;
  givenAs: 'self' | 'guardian' | 'representative';
  requestId: string | null;
  reference: string | null;
  scope: unknown;
  textVersion: string;
  givenAt: Date;
  withdrawnAt: Date | null;
}

function consentQuery(db: Kysely<Database>) {
  return db
    .selectFrom('consent as c')
    .innerJoin('person as s', 's.id', 'c.subject_person_id')
    .innerJoin('person as g', 'g.id', 'c.given_by_person_id')
    .leftJoin('sip_request as r', 'r.id', 'c.request_id')
    .select([
      'c.id',
      'c.subject_person_id as subjectPersonId',
      personName('s').as('subjectName'),
      'c.given_by_person_id as givenByPersonId',
      personName('g').as('givenByName'),
      'c.given_as as givenAs',
      'c.request_id as requestId',
      'r.reference',
      'c.scope',
      'c.text_version as textVersion',
      'c.given_at as givenAt',
      'c.withdrawn_at as withdrawnAt',
    ]);
}

export async function consentsAbout(db: Kysely<Database>, subjectIds: string[]): Promise<ConsentRow[]> {
  if (subjectIds.length === 0) return [];
  return consentQuery(db).where('c.subject_person_id', 'in', subjectIds).orderBy('c.given_at', 'desc').execute();
}

export async function findConsent(db: Kysely<Database>, id: string): Promise<ConsentRow | undefined> {
  return consentQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export async function withdrawConsentRow(db: Kysely<Database>, id: string, byPersonId: string, at: Date): Promise<void> {
  await db.updateTable('consent').set({ withdrawn_at: at, withdrawn_by_person_id: byPersonId }).where('id', '=', id).where('withdrawn_at', 'is', null).execute();
}

/** Withdrawal stops all sharing: every active consent about the person ends. */
export async function withdrawAllConsentsOf(db: Kysely<Database>, subjectPersonId: string, byPersonId: string, at: Date): Promise<void> {
  await db.updateTable('consent').set({ withdrawn_at: at, withdrawn_by_person_id: byPersonId }).where('subject_person_id', '=', subjectPersonId).where('withdrawn_at', 'is', null).execute();
}
