/** The facts access decisions need about who is acting (memberships, roles, identity numbers). */
import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, UnitRole } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export interface MembershipRow {
  unitId: string;
  unitName: string;
  principalId: string;
  principalName: string;
  role: UnitRole;
}

/**
 * What access decisions need about a staff member, in one query (read on every staff page): their units
 * with roles, the principals they manage, and whether they administer the portal.
 */
export async function staffProfile(db: Kysely<Database>, staffAccountId: string): Promise<{ memberships: MembershipRow[]; managerOf: { id: string; name: string }[]; isAdmin: boolean }> {
  const row = await staffProfileQuery.first(db, staffAccountId);
  return { memberships: row?.memberships ?? [], managerOf: row?.managerOf ?? [], isAdmin: row?.is_admin ?? false };
}

// Read on every staff request: built and compiled once (prepared-query.ts).
const staffProfileQuery = prepared((db: Kysely<Database>, staffAccountId: string) =>
  db
    .selectFrom('staff_account as a')
    .select((eb) => [
      'a.is_admin',
      jsonArrayFrom(
        eb
          .selectFrom('unit_membership as m')
          .innerJoin('unit as u', 'u.id', 'm.unit_id')
          .innerJoin('principal as p', 'p.id', 'u.principal_id')
          .select(['u.id as unitId', 'u.name as unitName', 'p.id as principalId', 'p.name as principalName', 'm.role'])
          .whereRef('m.staff_account_id', '=', 'a.id')
          .orderBy('p.name')
          .orderBy('u.name'),
      ).as('memberships'),
      jsonArrayFrom(
        eb
          .selectFrom('principal_manager as pm')
          .innerJoin('principal as mp', 'mp.id', 'pm.principal_id')
          .select(['mp.id', 'mp.name'])
          .whereRef('pm.staff_account_id', '=', 'a.id')
          .orderBy('mp.name'),
      ).as('managerOf'),
    ])
    .where('a.id', '=', staffAccountId),
);

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
  const known = await personIdsFor(db, people.map((p) => p.personalIdentityNumber));
  if (known.length === people.length) return known;
  await db
    .insertInto('person')
    .values(people.map((p) => ({ personal_identity_number: p.personalIdentityNumber, given_name: p.givenName, family_name: p.familyName, birth_date: p.birthDate })))
    .onConflict((oc) => oc.column('personal_identity_number').doNothing())
    .execute();
  return personIdsFor(db, people.map((p) => p.personalIdentityNumber));
}

/** Whom this person represents and who has shared with them (active ones), in one query: read on every page. */
export async function relationsOf(db: Kysely<Database>, personId: string): Promise<{ represented: string[]; shared: string[] }> {
  const rows = await relations.rows(db, personId);
  return { represented: rows.filter((r) => r.kind === 'represented').map((r) => r.id), shared: rows.filter((r) => r.kind === 'shared').map((r) => r.id) };
}

const relations = prepared((db: Kysely<Database>, personId: string) =>
  db
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
    ),
);
