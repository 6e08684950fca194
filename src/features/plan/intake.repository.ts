/** SQL for the staff side of a request: the inbox of waiting requests, one request, taking and declining it. */
import { sql, type Kysely } from 'kysely';
import { personName } from '../../shared/server/sql.ts';
import type { Database, DeclineReason } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export interface InboxRequestRow {
  id: string;
  reference: string;
  subjectName: string;
  sentAt: Date;
  principalNames: string;
  principalIds: string[];
}

/** Sent requests addressed to these principals, waiting for someone to take them; oldest first. */
export async function waitingRequests(db: Kysely<Database>, principalIds: string[]): Promise<InboxRequestRow[]> {
  if (principalIds.length === 0) return [];
  const rows = await waitingRequestsQuery.rows(db, principalIds);
  return rows.map((r) => ({ ...r, sentAt: r.sentAt! }));
}
const waitingRequestsQuery = prepared((db: Kysely<Database>, principalIds: readonly string[]) =>
  db
    .selectFrom('sip_request as r')
    .innerJoin('person as p', 'p.id', 'r.subject_person_id')
    .innerJoin('sip_request_principal as rp', 'rp.request_id', 'r.id')
    .innerJoin('principal as pr', 'pr.id', 'rp.principal_id')
    .select([
      'r.id',
      'r.reference',
      personName('p').as('subjectName'),
      'r.sent_at as sentAt',
      sql<string>`string_agg(pr.name, ', ' order by pr.name)`.as('principalNames'),
      sql<string[]>`array_agg(pr.id)`.as('principalIds'),
    ])
    .where('r.status', '=', 'sent')
    .where('r.id', 'in', (eb) => eb.selectFrom('sip_request_principal').select('request_id').where('principal_id', 'in', principalIds))
    .groupBy(['r.id', 'r.reference', 'p.given_name', 'p.family_name', 'r.sent_at'])
    .orderBy('r.sent_at'),
);

export interface RequestForStaffRow {
  id: string;
  reference: string;
  status: string;
  subjectPersonId: string;
  subjectName: string;
  subjectBirthDate: string;
  subjectEmail: string | null;
  submittedAs: string;
  submittedByName: string | null;
  answers: unknown;
  preferredStaffAccountId: string | null;
  sentAt: Date | null;
  createdAt: Date;
  declineReason: DeclineReason | null;
}

export async function requestForStaff(db: Kysely<Database>, id: string): Promise<RequestForStaffRow | undefined> {
  return db
    .selectFrom('sip_request as r')
    .innerJoin('person as p', 'p.id', 'r.subject_person_id')
    .leftJoin('person as s', 's.id', 'r.submitted_by_person_id')
    .select([
      'r.id',
      'r.reference',
      'r.status',
      'r.subject_person_id as subjectPersonId',
      personName('p').as('subjectName'),
      sql<string>`to_char(p.birth_date, 'YYYY-MM-DD')`.as('subjectBirthDate'),
      'p.email as subjectEmail',
      'r.submitted_as as submittedAs',
      sql<string | null>`case when s.id is null then null else s.given_name || ' ' || s.family_name end`.as('submittedByName'),
      'r.answers',
      'r.preferred_staff_account_id as preferredStaffAccountId',
      'r.sent_at as sentAt',
      'r.created_at as createdAt',
      'r.decline_reason as declineReason',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function principalIdsOfRequest(db: Kysely<Database>, requestId: string): Promise<string[]> {
  const rows = await db.selectFrom('sip_request_principal').select('principal_id').where('request_id', '=', requestId).execute();
  return rows.map((r) => r.principal_id);
}

/** Whose consent a request needs and its active consents (who gave each, and its stored scope). */
export async function consentFactsOfRequest(db: Kysely<Database>, requestId: string): Promise<{ required: string[]; given: { personId: string; scope: unknown }[] }> {
  const [required, given] = await Promise.all([
    db.selectFrom('consent_requirement').select('person_id').where('request_id', '=', requestId).execute(),
    db.selectFrom('consent').select(['given_by_person_id as personId', 'scope']).where('request_id', '=', requestId).where('withdrawn_at', 'is', null).execute(),
  ]);
  return { required: required.map((r) => r.person_id), given };
}

export async function setRequestTaken(db: Kysely<Database>, requestId: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('sip_request').set({ status: 'received', received_at: at }).where('id', '=', requestId).where('status', '=', 'sent').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function declineRequest(db: Kysely<Database>, requestId: string, reason: DeclineReason, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('sip_request')
    .set({ status: 'closed', closed_at: at, closed_reason: 'declined', decline_reason: reason })
    .where('id', '=', requestId)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const OBTAINED_HOW = ['inWriting', 'orally', 'inPerson'] as const;
export type ObtainedHow = (typeof OBTAINED_HOW)[number];

/** A request registered by staff; received at once when consent was recorded, otherwise awaiting it. */
export async function insertStaffRequest(db: Kysely<Database>, r: { reference: string; personId: string; staffAccountId: string; consentRecorded: boolean; noticedAt: string; principalId: string; at: Date }): Promise<string> {
  const { id } = await db
    .insertInto('sip_request')
    .values({
      reference: r.reference,
      subject_person_id: r.personId,
      submitted_by_person_id: null,
      created_by_staff_account_id: r.staffAccountId,
      submitted_as: 'staff',
      status: r.consentRecorded ? 'received' : 'awaitingConsent',
      answers: JSON.stringify({ staffNote: r.noticedAt, principals: { principalIds: [r.principalId], dontKnow: false } }),
      idempotency_key: `staff-${crypto.randomUUID()}`,
      created_at: r.at,
      received_at: r.consentRecorded ? r.at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('sip_request_principal').values({ request_id: id, principal_id: r.principalId }).execute();
  return id;
}

/** The person's own consent as recorded by staff, with how it was obtained. */
export async function insertRecordedConsent(db: Kysely<Database>, c: { personId: string; requestId: string; principals: { id: string; name: string }[]; staffAccountId: string; obtainedHow: ObtainedHow; at: Date }): Promise<string> {
  const { id } = await db
    .insertInto('consent')
    .values({
      subject_person_id: c.personId,
      given_by_person_id: c.personId,
      given_as: 'self',
      request_id: c.requestId,
      scope: JSON.stringify({ principals: c.principals.map((p) => ({ id: p.id, name: p.name })) }),
      text_version: 'staff-recorded-2026-11',
      given_at: c.at,
      recorded_by_staff_account_id: c.staffAccountId,
      obtained_how: c.obtainedHow,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
