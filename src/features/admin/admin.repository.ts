/** All SQL for administration: principals, units, staff accounts, memberships, manager roles. */
import type { Kysely } from 'kysely';
import type { Database, PrincipalKind, UnitRole } from '../../../db/schema.ts';
import type { MembershipInput, PrincipalInput, StaffAccountInput, UnitInput } from './admin.domain.ts';

export interface PrincipalRow {
  id: string;
  name: string;
  kind: PrincipalKind;
}

export interface UnitRow {
  id: string;
  name: string;
  principalId: string;
  principalName: string;
}

export interface StaffAccountRow {
  id: string;
  name: string;
  hsaId: string;
  email: string | null;
  title: string | null;
  worksWith: string | null;
  canCoordinate: boolean;
  isAdmin: boolean;
  disabled: boolean;
}

export async function listPrincipals(db: Kysely<Database>): Promise<PrincipalRow[]> {
  return db.selectFrom('principal').select(['id', 'name', 'kind']).orderBy('name').execute();
}

export async function listUnits(db: Kysely<Database>): Promise<UnitRow[]> {
  return db
    .selectFrom('unit as u')
    .innerJoin('principal as p', 'p.id', 'u.principal_id')
    .select(['u.id', 'u.name', 'p.id as principalId', 'p.name as principalName'])
    .orderBy('p.name')
    .orderBy('u.name')
    .execute();
}

export async function principalNameTaken(db: Kysely<Database>, name: string): Promise<boolean> {
  return !!(await db.selectFrom('principal').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst());
}

export async function insertPrincipal(db: Kysely<Database>, p: PrincipalInput): Promise<string> {
  return (await db.insertInto('principal').values(p).returning('id').executeTakeFirstOrThrow()).id;
}

export async function unitNameTaken(db: Kysely<Database>, principalId: string, name: string): Promise<boolean> {
  return !!(await db
    .selectFrom('unit')
    .select('id')
    .where('principal_id', '=', principalId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst());
}

export async function insertUnit(db: Kysely<Database>, u: UnitInput): Promise<string> {
  return (await db.insertInto('unit').values({ principal_id: u.principalId, name: u.name }).returning('id').executeTakeFirstOrThrow()).id;
}

const staffColumns = [
  'id',
  'name',
  'hsa_id as hsaId',
  'email',
  'title',
  'works_with as worksWith',
  'can_coordinate as canCoordinate',
  'is_admin as isAdmin',
] as const;

export async function listStaffAccounts(db: Kysely<Database>): Promise<StaffAccountRow[]> {
  return db
    .selectFrom('staff_account')
    .select([...staffColumns, (eb) => eb('disabled_at', 'is not', null).$castTo<boolean>().as('disabled')])
    .orderBy('name')
    .execute();
}

export async function findStaffAccount(db: Kysely<Database>, id: string): Promise<StaffAccountRow | undefined> {
  return db
    .selectFrom('staff_account')
    .select([...staffColumns, (eb) => eb('disabled_at', 'is not', null).$castTo<boolean>().as('disabled')])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function hsaIdTaken(db: Kysely<Database>, hsaId: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('staff_account').select('id').where('hsa_id', '=', hsaId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

function staffValues(s: StaffAccountInput) {
  return { name: s.name, hsa_id: s.hsaId, email: s.email, title: s.title, works_with: s.worksWith, can_coordinate: s.canCoordinate, is_admin: s.isAdmin };
}

export async function insertStaffAccount(db: Kysely<Database>, s: StaffAccountInput): Promise<string> {
  return (await db.insertInto('staff_account').values(staffValues(s)).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateStaffAccount(db: Kysely<Database>, id: string, s: StaffAccountInput): Promise<void> {
  await db.updateTable('staff_account').set(staffValues(s)).where('id', '=', id).execute();
}

export async function setStaffDisabled(db: Kysely<Database>, id: string, at: Date | null): Promise<void> {
  await db.updateTable('staff_account').set({ disabled_at: at }).where('id', '=', id).execute();
  // A disabled account's sessions end at once.
  if (at) await db.deleteFrom('session').where('staff_account_id', '=', id).execute();
}

export async function countOtherActiveAdmins(db: Kysely<Database>, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('staff_account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_admin', '=', true)
    .where('disabled_at', 'is', null)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AccountMembershipRow {
  unitId: string;
  unitName: string;
  principalName: string;
  role: UnitRole;
}

export async function membershipsOf(db: Kysely<Database>, staffAccountId: string): Promise<AccountMembershipRow[]> {
  return db
    .selectFrom('unit_membership as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .innerJoin('principal as p', 'p.id', 'u.principal_id')
    .select(['u.id as unitId', 'u.name as unitName', 'p.name as principalName', 'm.role'])
    .where('m.staff_account_id', '=', staffAccountId)
    .orderBy('p.name')
    .orderBy('u.name')
    .orderBy('m.role')
    .execute();
}

export async function addMembership(db: Kysely<Database>, staffAccountId: string, m: MembershipInput): Promise<boolean> {
  const result = await db
    .insertInto('unit_membership')
    .values({ staff_account_id: staffAccountId, unit_id: m.unitId, role: m.role })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeMembership(db: Kysely<Database>, staffAccountId: string, m: MembershipInput): Promise<boolean> {
  const result = await db
    .deleteFrom('unit_membership')
    .where('staff_account_id', '=', staffAccountId)
    .where('unit_id', '=', m.unitId)
    .where('role', '=', m.role)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function managerPrincipalsOf(db: Kysely<Database>, staffAccountId: string): Promise<PrincipalRow[]> {
  return db
    .selectFrom('principal_manager as m')
    .innerJoin('principal as p', 'p.id', 'm.principal_id')
    .select(['p.id', 'p.name', 'p.kind'])
    .where('m.staff_account_id', '=', staffAccountId)
    .orderBy('p.name')
    .execute();
}

export async function addManagerOf(db: Kysely<Database>, staffAccountId: string, principalId: string): Promise<boolean> {
  const result = await db
    .insertInto('principal_manager')
    .values({ staff_account_id: staffAccountId, principal_id: principalId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeManagerOf(db: Kysely<Database>, staffAccountId: string, principalId: string): Promise<boolean> {
  const result = await db.deleteFrom('principal_manager').where('staff_account_id', '=', staffAccountId).where('principal_id', '=', principalId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
