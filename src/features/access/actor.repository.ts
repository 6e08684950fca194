/** The facts access decisions need about who is acting (memberships, roles, identity numbers). */
import type { Kysely } from 'kysely';
import type { Database, UnitRole } from '../../../db/schema.ts';

export interface MembershipRow {
  unitId: string;
  unitName: string;
  principalId: string;
  principalName: string;
  role: UnitRole;
}

export async function staffMemberships(db: Kysely<Database>, staffAccountId: string): Promise<MembershipRow[]> {
  return db
    .selectFrom('unit_membership as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .innerJoin('principal as p', 'p.id', 'u.principal_id')
    .select(['u.id as unitId', 'u.name as unitName', 'p.id as principalId', 'p.name as principalName', 'm.role'])
    .where('m.staff_account_id', '=', staffAccountId)
    .orderBy('p.name')
    .orderBy('u.name')
    .execute();
}

export async function managedPrincipals(db: Kysely<Database>, staffAccountId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('principal_manager as m')
    .innerJoin('principal as p', 'p.id', 'm.principal_id')
    .select(['p.id', 'p.name'])
    .where('m.staff_account_id', '=', staffAccountId)
    .orderBy('p.name')
    .execute();
}

export async function isAdmin(db: Kysely<Database>, staffAccountId: string): Promise<boolean> {
  const row = await db.selectFrom('staff_account').select('is_admin').where('id', '=', staffAccountId).executeTakeFirst();
  return row?.is_admin ?? false;
}

export async function personalIdentityNumberOf(db: Kysely<Database>, personId: string): Promise<string | undefined> {
  const row = await db.selectFrom('person').select('personal_identity_number').where('id', '=', personId).executeTakeFirst();
  return row?.personal_identity_number;
}

/** Person ids for the identity numbers that already have a person row. */
export async function personIdsFor(db: Kysely<Database>, numbers: string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await db.selectFrom('person').select('id').where('personal_identity_number', 'in', numbers).execute();
  return rows.map((r) => r.id);
}

/** Person ids for people the register names, creating rows for those who have never logged in. */
export async function ensurePeople(db: Kysely<Database>, people: { personalIdentityNumber: string; givenName: string; familyName: string; birthDate: string }[]): Promise<string[]> {
  if (people.length === 0) return [];
  await db
    .insertInto('person')
    .values(people.map((p) => ({ personal_identity_number: p.personalIdentityNumber, given_name: p.givenName, family_name: p.familyName, birth_date: p.birthDate })))
    .onConflict((oc) => oc.column('personal_identity_number').doNothing())
    .execute();
  return personIdsFor(db, people.map((p) => p.personalIdentityNumber));
}

/** People this person is the active legal representative of. */
export async function representedBy(db: Kysely<Database>, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('legal_representation')
    .select('represented_person_id')
    .where('representative_person_id', '=', personId)
    .where('ended_at', 'is', null)
    .execute();
  return rows.map((r) => r.represented_person_id);
}

/** People who have shared their plans with this person (active shares only). */
export async function sharedWith(db: Kysely<Database>, delegatePersonId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('delegation')
    .select('person_id')
    .where('delegate_person_id', '=', delegatePersonId)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((r) => r.person_id);
}
