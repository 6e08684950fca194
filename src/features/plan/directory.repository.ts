/** SQL for who is who: agreements, principals, units and staff accounts, and finding a person by number. */
import { type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { AgreementRules } from './deadline.domain.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export interface AgreementRow extends AgreementRules {
  principalId: string;
  name: string;
}

/** The agreement rules of each principal that has one. */
export async function agreementsOf(db: Kysely<Database>, principalIds: string[]): Promise<AgreementRow[]> {
  if (principalIds.length === 0) return [];
  return agreementsOfQuery.rows(db, principalIds);
}
const agreementsOfQuery = prepared((db: Kysely<Database>, principalIds: readonly string[]) =>
  db
    .selectFrom('principal as p')
    .innerJoin('agreement as a', 'a.id', 'p.agreement_id')
    .select([
      'p.id as principalId',
      'a.name',
      'a.first_contact_days as firstContactDays',
      'a.first_meeting_days as firstMeetingDays',
      'a.local_first_meeting_days as localFirstMeetingDays',
      'a.schools_are_principals as schoolsArePrincipals',
    ])
    .where('p.id', 'in', principalIds),
);

export interface PrincipalRow {
  id: string;
  name: string;
  kind: 'municipality' | 'region' | 'school';
}

export async function principalsByIds(db: Kysely<Database>, ids: string[]): Promise<PrincipalRow[]> {
  if (ids.length === 0) return [];
  return principalsByIdsQuery.rows(db, ids);
}
const principalsByIdsQuery = prepared((db: Kysely<Database>, ids: readonly string[]) =>
  db.selectFrom('principal').select(['id', 'name', 'kind']).where('id', 'in', ids).orderBy('kind').orderBy('name'),
);

export interface UnitRow {
  id: string;
  name: string;
  principalId: string;
  principalName: string;
}

export async function unitsOfPrincipals(db: Kysely<Database>, principalIds: string[]): Promise<UnitRow[]> {
  if (principalIds.length === 0) return [];
  return unitsOfPrincipalsQuery.rows(db, principalIds);
}
const unitsOfPrincipalsQuery = prepared((db: Kysely<Database>, principalIds: readonly string[]) =>
  db
    .selectFrom('unit as u')
    .innerJoin('principal as p', 'p.id', 'u.principal_id')
    .select(['u.id', 'u.name', 'u.principal_id as principalId', 'p.name as principalName'])
    .where('u.principal_id', 'in', principalIds)
    .orderBy('p.name')
    .orderBy('u.name'),
);

export interface StaffRow {
  id: string;
  name: string;
  title: string | null;
  email: string | null;
  canCoordinate: boolean;
  unitId: string;
  unitName: string;
  principalId: string;
  principalName: string;
}

/** Active staff who are members of units of these principals (one row per membership). */
export async function staffOfPrincipals(db: Kysely<Database>, principalIds: string[]): Promise<StaffRow[]> {
  if (principalIds.length === 0) return [];
  return staffOfPrincipalsQuery.rows(db, principalIds);
}
const staffOfPrincipalsQuery = prepared((db: Kysely<Database>, principalIds: readonly string[]) =>
  db
    .selectFrom('staff_account as s')
    .innerJoin('unit_membership as m', 'm.staff_account_id', 's.id')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .innerJoin('principal as p', 'p.id', 'u.principal_id')
    .select(['s.id', 's.name', 's.title', 's.email', 's.can_coordinate as canCoordinate', 'u.id as unitId', 'u.name as unitName', 'p.id as principalId', 'p.name as principalName'])
    .where('s.disabled_at', 'is', null)
    .where('m.role', '=', 'member')
    .where('u.principal_id', 'in', principalIds)
    .orderBy('p.name')
    .orderBy('u.name')
    .orderBy('s.name'),
);

export async function staffNames(db: Kysely<Database>, ids: string[]): Promise<Map<string, { name: string; email: string | null; title: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await staffNamesQuery.rows(db, ids);
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, title: r.title }]));
}
const staffNamesQuery = prepared((db: Kysely<Database>, ids: readonly string[]) =>
  db.selectFrom('staff_account').select(['id', 'name', 'email', 'title']).where('id', 'in', ids),
);

export async function unitIdsOfStaff(db: Kysely<Database>, staffAccountId: string): Promise<string[]> {
  const rows = await db.selectFrom('unit_membership').select('unit_id').where('staff_account_id', '=', staffAccountId).execute();
  return rows.map((r) => r.unit_id);
}

/**
 * The principals a plan may involve: those in the same county agreement(s) as the plan's own
 * principals; schools only where the agreement makes them principals.
 */
export async function principalsSharingAgreement(db: Kysely<Database>, principalIds: string[]): Promise<PrincipalRow[]> {
  if (principalIds.length === 0) return [];
  return db
    .selectFrom('principal as p')
    .innerJoin('agreement as a', 'a.id', 'p.agreement_id')
    .select(['p.id', 'p.name', 'p.kind'])
    .where('p.agreement_id', 'in', (eb) => eb.selectFrom('principal').select('agreement_id').where('id', 'in', principalIds).where('agreement_id', 'is not', null))
    .where((eb) => eb.or([eb('p.kind', '<>', 'school'), eb('a.schools_are_principals', '=', true), eb('p.id', 'in', principalIds)]))
    .orderBy('p.kind')
    .orderBy('p.name')
    .execute();
}

export async function personByNumber(db: Kysely<Database>, personalIdentityNumber: string): Promise<{ id: string; givenName: string; familyName: string; email: string | null } | undefined> {
  return db
    .selectFrom('person')
    .select(['id', 'given_name as givenName', 'family_name as familyName', 'email'])
    .where('personal_identity_number', '=', personalIdentityNumber)
    .executeTakeFirst();
}

/** Keeps an e-mail address given by staff, unless the person already gave one. */
export async function setEmailIfMissing(db: Kysely<Database>, personId: string, email: string): Promise<void> {
  await db.updateTable('person').set({ email }).where('id', '=', personId).where('email', 'is', null).execute();
}
