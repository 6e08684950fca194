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
