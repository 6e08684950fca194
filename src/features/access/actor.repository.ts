/** The facts access decisions need about who is acting (memberships, roles, identity numbers). */
import { sql, type Kysely } from 'kysely';
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
  // Read first: on every page a guardian opens, the children are there already; write only who is missing.
  const known = await db.selectFrom('person').select(['id', 'personal_identity_number']).where('personal_identity_number', 'in', people.map((p) => p.personalIdentityNumber)).execute();
  if (known.length === people.length) return known.map((r) => r.id);
  await db
    .insertInto('person')
    .values(people.map((p) => ({ personal_identity_number: p.personalIdentityNumber, given_name: p.givenName, family_name: p.familyName, birth_date: p.birthDate })))
    .onConflict((oc) => oc.column('personal_identity_number').doNothing())
    .execute();
  return personIdsFor(db, people.map((p) => p.personalIdentityNumber));
}

/** Whom this person represents and who has shared with them (active ones), in one query: read on every page. */
export async function relationsOf(db: Kysely<Database>, personId: string): Promise<{ represented: string[]; shared: string[] }> {
  const rows = await db
    .selectFrom('legal_representation')
    .select([sql.lit('represented').as('kind'), 'represented_person_id as id'])
    .where('representative_person_id', '=', personId)
    .where('ended_at', 'is', null)
    .unionAll(
      db
        .selectFrom('delegation')
        .select([sql.lit('shared').as('kind'), 'person_id as id'])
        .where('delegate_person_id', '=', personId)
        .where('revoked_at', 'is', null),
    )
    .execute();
  return { represented: rows.filter((r) => r.kind === 'represented').map((r) => r.id), shared: rows.filter((r) => r.kind === 'shared').map((r) => r.id) };
}
