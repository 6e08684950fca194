/** SQL for SIP requests; their drafts are in draft.repository.ts, consents in consent.repository.ts. */
import { sql, type Kysely } from 'kysely';
import { personName } from '../../shared/server/sql.ts';
import type { Database, SipRequestStatus, SubmittedAs } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export interface PrincipalChoiceRow {
  id: string;
  name: string;
  kind: 'municipality' | 'region' | 'school';
}

export async function principals(db: Kysely<Database>): Promise<PrincipalChoiceRow[]> {
  return db.selectFrom('principal').select(['id', 'name', 'kind']).orderBy('kind').orderBy('name').execute();
}

export interface CoordinatorRow {
  staffAccountId: string;
  name: string;
  title: string | null;
  worksWith: string | null;
  unitName: string;
  principalName: string;
}

/** Staff who can coordinate, in units of these principals (active accounts only). */
export async function coordinatorsIn(db: Kysely<Database>, principalIds: string[]): Promise<CoordinatorRow[]> {
  if (principalIds.length === 0) return [];
  return db
    .selectFrom('staff_account as s')
    .innerJoin('unit_membership as m', 'm.staff_account_id', 's.id')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .innerJoin('principal as p', 'p.id', 'u.principal_id')
    .select(['s.id as staffAccountId', 's.name', 's.title', 's.works_with as worksWith', 'u.name as unitName', 'p.name as principalName'])
    .distinctOn(['s.name', 's.id'])
    .where('s.can_coordinate', '=', true)
    .where('s.disabled_at', 'is', null)
    .where('m.role', '=', 'member')
    .where('u.principal_id', 'in', principalIds)
    .orderBy('s.name')
    .orderBy('s.id')
    .orderBy('p.name')
    .execute();
}

export interface PersonRow {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  personalIdentityNumber: string;
}

export async function peopleByIds(db: Kysely<Database>, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person')
    .select(['id', 'given_name as givenName', 'family_name as familyName', sql<string>`to_char(birth_date, 'YYYY-MM-DD')`.as('birthDate'), 'personal_identity_number as personalIdentityNumber'])
    .where('id', 'in', ids)
    .orderBy('given_name')
    .execute();
}

/** The person with this number, created with the given names when they have never logged in. */
export async function personForNumber(db: Kysely<Database>, p: { personalIdentityNumber: string; givenName: string; familyName: string; birthDate: string }): Promise<string> {
  await db
    .insertInto('person')
    .values({ personal_identity_number: p.personalIdentityNumber, given_name: p.givenName, family_name: p.familyName, birth_date: p.birthDate })
    .onConflict((oc) => oc.column('personal_identity_number').doNothing())
    .execute();
  return (await db.selectFrom('person').select('id').where('personal_identity_number', '=', p.personalIdentityNumber).executeTakeFirstOrThrow()).id;
}

/** The request this person sent with this idempotency key (a key is the sender's own: another's finds nothing). */
export async function requestIdForKey(db: Kysely<Database>, submittedByPersonId: string, idempotencyKey: string): Promise<{ id: string; reference: string } | undefined> {
  return db
    .selectFrom('sip_request')
    .select(['id', 'reference'])
    .where('submitted_by_person_id', '=', submittedByPersonId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export interface NewRequest {
  reference: string;
  subjectPersonId: string;
  submittedByPersonId: string;
  submittedAs: SubmittedAs;
  status: SipRequestStatus;
  answers: unknown;
  preferredStaffAccountId: string | null;
  receiptEmail: string | null;
  idempotencyKey: string;
  at: Date;
}

export async function insertRequest(db: Kysely<Database>, r: NewRequest, principalIds: string[]): Promise<string> {
  const { id } = await db
    .insertInto('sip_request')
    .values({
      reference: r.reference,
      subject_person_id: r.subjectPersonId,
      submitted_by_person_id: r.submittedByPersonId,
      submitted_as: r.submittedAs,
      status: r.status,
      answers: JSON.stringify(r.answers),
      preferred_staff_account_id: r.preferredStaffAccountId,
      receipt_email: r.receiptEmail,
      idempotency_key: r.idempotencyKey,
      created_at: r.at,
      sent_at: r.status === 'sent' ? r.at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('sip_request_principal').values(principalIds.map((p) => ({ request_id: id, principal_id: p }))).execute();
  return id;
}

/** Whether a reference is in use by a request or a plan. */
export async function referenceTaken(db: Kysely<Database>, reference: string): Promise<boolean> {
  const [r, p] = await Promise.all([
    db.selectFrom('sip_request').select('id').where('reference', '=', reference).executeTakeFirst(),
    db.selectFrom('plan').select('id').where('reference', '=', reference).executeTakeFirst(),
  ]);
  return !!r || !!p;
}

export interface RequestListRow {
  id: string;
  reference: string;
  status: SipRequestStatus;
  subjectPersonId: string;
  subjectName: string;
  /** A relative's request: the subject's name as the relative typed it (the only name they may be shown). */
  typedSubjectName: string | null;
  /** Who asked: the person who sent it, or the staff member who registered it. */
  requesterName: string | null;
  submittedByPersonId: string | null;
  submittedAs: SubmittedAs;
  createdAt: Date;
  sentAt: Date | null;
  /** The status of the plan the request became, if it became one. */
  planStatus: 'preparing' | 'active' | 'closed' | null;
}

/** The subject's name as typed on a relative's request (stored with its answers), null on other requests. */
const typedSubjectName = sql<string | null>`(r.answers->'subjectAsTyped'->>'givenName') || ' ' || (r.answers->'subjectAsTyped'->>'familyName')`;
/** The person who sent the request, or the staff member who registered it. */
const requesterName = sql<string | null>`coalesce(${personName('sp')}, sa.name)`;

/** Requests about these people, or sent by this person, newest first. */
export async function requestsFor(db: Kysely<Database>, subjectIds: string[], submitterId: string): Promise<RequestListRow[]> {
  // Without subjects, the submitter's own alone (an empty `in` list is not SQL).
  return subjectIds.length === 0 ? requestsBy.rows(db, submitterId) : requestsAbout.rows(db, subjectIds, submitterId);
}
function requestListQuery(db: Kysely<Database>) {
  return db
    .selectFrom('sip_request as r')
    .innerJoin('person as p', 'p.id', 'r.subject_person_id')
    .leftJoin('person as sp', 'sp.id', 'r.submitted_by_person_id')
    .leftJoin('staff_account as sa', 'sa.id', 'r.created_by_staff_account_id')
    .select([
      'r.id',
      'r.reference',
      'r.status',
      'r.subject_person_id as subjectPersonId',
      personName('p').as('subjectName'),
      typedSubjectName.as('typedSubjectName'),
      requesterName.as('requesterName'),
      'r.submitted_by_person_id as submittedByPersonId',
      'r.submitted_as as submittedAs',
      'r.created_at as createdAt',
      'r.sent_at as sentAt',
      sql<RequestListRow['planStatus']>`(select pl.status from plan pl where pl.request_id = r.id)`.as('planStatus'),
    ]);
}
const requestsBy = prepared((db: Kysely<Database>, submitterId: string) => requestListQuery(db).where('r.submitted_by_person_id', '=', submitterId).orderBy('r.created_at', 'desc'));
const requestsAbout = prepared((db: Kysely<Database>, subjectIds: readonly string[], submitterId: string) =>
  requestListQuery(db)
    .where((eb) => eb.or([eb('r.subject_person_id', 'in', subjectIds), eb('r.submitted_by_person_id', '=', submitterId)]))
    .orderBy('r.created_at', 'desc'),
);

export interface RequestDetailRow extends RequestListRow {
  answers: unknown;
  preferredStaffAccountId: string | null;
  closedReason: string | null;
  declineReason: string | null;
}

export async function findRequest(db: Kysely<Database>, id: string): Promise<RequestDetailRow | undefined> {
  return findRequestQuery.first(db, id);
}
const findRequestQuery = prepared((db: Kysely<Database>, id: string) =>
  db
    .selectFrom('sip_request as r')
    .innerJoin('person as p', 'p.id', 'r.subject_person_id')
    .leftJoin('person as sp', 'sp.id', 'r.submitted_by_person_id')
    .leftJoin('staff_account as sa', 'sa.id', 'r.created_by_staff_account_id')
    .select([
      'r.id',
      'r.reference',
      'r.status',
      'r.subject_person_id as subjectPersonId',
      personName('p').as('subjectName'),
      typedSubjectName.as('typedSubjectName'),
      requesterName.as('requesterName'),
      'r.submitted_by_person_id as submittedByPersonId',
      'r.submitted_as as submittedAs',
      'r.created_at as createdAt',
      'r.sent_at as sentAt',
      sql<RequestListRow['planStatus']>`(select pl.status from plan pl where pl.request_id = r.id)`.as('planStatus'),
      'r.answers',
      'r.preferred_staff_account_id as preferredStaffAccountId',
      'r.closed_reason as closedReason',
      'r.decline_reason as declineReason',
    ])
    .where('r.id', '=', id),
);

export async function requestPrincipals(db: Kysely<Database>, requestId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('sip_request_principal as rp')
    .innerJoin('principal as p', 'p.id', 'rp.principal_id')
    .select(['p.id', 'p.name'])
    .where('rp.request_id', '=', requestId)
    .orderBy('p.name')
    .execute();
}

export async function setRequestStatus(db: Kysely<Database>, requestId: string, status: SipRequestStatus, at: Date, closedReason?: 'consentWithdrawn' | 'declined'): Promise<void> {
  await db
    .updateTable('sip_request')
    .set({
      status,
      ...(status === 'sent' ? { sent_at: at } : {}),
      ...(status === 'closed' ? { closed_at: at, closed_reason: closedReason ?? 'other' } : {}),
    })
    .where('id', '=', requestId)
    .execute();
}

/** Open requests of a person (not closed): all end when the person's consent is withdrawn. */
export async function openRequestIdsOf(db: Kysely<Database>, subjectPersonId: string): Promise<string[]> {
  const rows = await db.selectFrom('sip_request').select('id').where('subject_person_id', '=', subjectPersonId).where('status', '<>', 'closed').execute();
  return rows.map((r) => r.id);
}
