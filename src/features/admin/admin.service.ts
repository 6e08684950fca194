/**
 * Administration use cases: principals, units, staff accounts, unit memberships and manager roles.
 * Only an admin may call them (asked again here, behind the page's gate); every write runs in one
 * transaction together with its audit event. Admins never see personal data of citizens.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { AccessDenied, requireAccess, type Actor } from '../access/access.domain.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import * as repo from './admin.repository.ts';
import { membershipContext, recentRoleChanges } from './role-changes.repository.ts';
import type { StaffAccountAction } from './admin.form.ts';
import {
  validateManagerOf,
  validateMembership,
  validatePrincipal,
  validateStaffAccount,
  validateUnit,
} from './admin.domain.ts';

export type Outcome = { ok: true; id: string } | { ok: false; issues: FieldIssue[] };

type StaffActor = Extract<Actor, { kind: 'staff' }>;

function admin(actor: Actor, action: 'read' | 'write'): StaffActor {
  requireAccess(actor, action, { type: 'administration' });
  return actor as StaffActor;
}

/** A missing account answers as "not found" (AccessDenied → 404), never a database error. */
async function existingAccount(trx: Kysely<Database>, id: string) {
  const account = isUuid(id) ? await repo.findStaffAccount(trx, id) : undefined;
  if (!account) throw new AccessDenied();
  return account;
}

/** What a write changed: its record, and for a role change what the role is about (see role-changes.repository.ts). */
type Written = { type: string; id: string; context?: string };

/** Runs a write and its audit event in one transaction. */
async function audited(db: Kysely<Database>, actor: StaffActor, clock: Clock, action: string, write: (trx: Kysely<Database>) => Promise<Written | FieldIssue[]>): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const result = await write(trx);
    if (Array.isArray(result)) return { ok: false, issues: result };
    const { context, ...record } = result;
    await recordAudit(trx, { actor: { kind: 'staff', id: actor.staffAccountId }, action, record, ...(context ? { context } : {}), at: clock.now() });
    return { ok: true, id: result.id };
  });
}

export async function overview(db: Kysely<Database>, actor: Actor) {
  admin(actor, 'read');
  const [principals, units, staff, roleChanges] = await Promise.all([repo.listPrincipals(db), repo.listUnits(db), repo.listStaffAccounts(db), recentRoleChanges(db)]);
  return { principals, units, staff, roleChanges };
}

export async function createPrincipal(db: Kysely<Database>, actor: Actor, clock: Clock, raw: { name: string; kind: string }): Promise<Outcome> {
  const a = admin(actor, 'write');
  const input = validatePrincipal(raw);
  if (!input.ok) return input;
  return audited(db, a, clock, 'admin.principal.create', async (trx) => {
    if (await repo.principalNameTaken(trx, input.value.name)) return [{ field: 'name', code: 'taken' }];
    return { type: 'principal', id: await repo.insertPrincipal(trx, input.value) };
  });
}

export async function createUnit(db: Kysely<Database>, actor: Actor, clock: Clock, raw: { principalId: string; name: string }): Promise<Outcome> {
  const a = admin(actor, 'write');
  const principals = new Set((await repo.listPrincipals(db)).map((p) => p.id));
  const input = validateUnit(raw, principals);
  if (!input.ok) return input;
  return audited(db, a, clock, 'admin.unit.create', async (trx) => {
    if (await repo.unitNameTaken(trx, input.value.principalId, input.value.name)) return [{ field: 'name', code: 'taken' }];
    return { type: 'unit', id: await repo.insertUnit(trx, input.value) };
  });
}

type StaffRaw = Parameters<typeof validateStaffAccount>[0];

export async function createStaffAccount(db: Kysely<Database>, actor: Actor, clock: Clock, raw: StaffRaw): Promise<Outcome> {
  const a = admin(actor, 'write');
  const input = validateStaffAccount(raw);
  if (!input.ok) return input;
  return audited(db, a, clock, 'admin.staff.create', async (trx) => {
    if (await repo.hsaIdTaken(trx, input.value.hsaId)) return [{ field: 'hsaId', code: 'taken' }];
    const id = await repo.insertStaffAccount(trx, input.value);
    if (input.value.isAdmin) await recordAudit(trx, { actor: { kind: 'staff', id: a.staffAccountId }, action: 'admin.role.adminGranted', record: { type: 'staff_account', id }, at: clock.now() });
    return { type: 'staff_account', id };
  });
}

/** One account with its memberships and manager roles, and what can be chosen; undefined if none. */
export async function staffAccountDetail(db: Kysely<Database>, actor: Actor, id: string) {
  admin(actor, 'read');
  const account = isUuid(id) ? await repo.findStaffAccount(db, id) : undefined;
  if (!account) return undefined;
  const [memberships, managerOf, units, principals] = await Promise.all([
    repo.membershipsOf(db, id),
    repo.managerPrincipalsOf(db, id),
    repo.listUnits(db),
    repo.listPrincipals(db),
  ]);
  return { account, memberships, managerOf, units, principals };
}

export async function updateStaffAccount(db: Kysely<Database>, actor: Actor, clock: Clock, id: string, raw: StaffRaw): Promise<Outcome> {
  const a = admin(actor, 'write');
  const input = validateStaffAccount(raw);
  if (!input.ok) return input;
  return audited(db, a, clock, 'admin.staff.update', async (trx) => {
    const current = await existingAccount(trx, id);
    if (await repo.hsaIdTaken(trx, input.value.hsaId, id)) return [{ field: 'hsaId', code: 'taken' }];
    // An admin who gave their HSA-id to an account with a unit role would log in as it: only another admin may.
    if (id === a.staffAccountId && input.value.hsaId !== current.hsaId) return [{ field: 'hsaId', code: 'self' }];
    // An admin cannot take away the last admin role (or their own), so administration stays possible.
    if (!input.value.isAdmin && (id === a.staffAccountId || (await repo.countOtherActiveAdmins(trx, id)) === 0)) {
      if (current.isAdmin) return [{ field: 'isAdmin', code: 'lastAdmin' }];
    }
    await repo.updateStaffAccount(trx, id, input.value);
    if (input.value.isAdmin !== current.isAdmin) {
      const action = input.value.isAdmin ? 'admin.role.adminGranted' : 'admin.role.adminRevoked';
      await recordAudit(trx, { actor: { kind: 'staff', id: a.staffAccountId }, action, record: { type: 'staff_account', id }, at: clock.now() });
    }
    return { type: 'staff_account', id };
  });
}

/** Disables (ending its sessions at once) or enables an account. Never one's own. */
export async function setStaffAccountActive(db: Kysely<Database>, actor: Actor, clock: Clock, id: string, active: boolean): Promise<Outcome> {
  const a = admin(actor, 'write');
  return audited(db, a, clock, active ? 'admin.staff.enable' : 'admin.staff.disable', async (trx) => {
    await existingAccount(trx, id);
    if (!active && id === a.staffAccountId) return [{ field: 'status', code: 'self' }];
    await repo.setStaffDisabled(trx, id, active ? null : clock.now());
    return { type: 'staff_account', id };
  });
}

export async function changeMembership(db: Kysely<Database>, actor: Actor, clock: Clock, id: string, change: 'add' | 'remove', raw: { unitId: string; role: string }): Promise<Outcome> {
  const a = admin(actor, 'write');
  const units = new Set((await repo.listUnits(db)).map((u) => u.id));
  const input = validateMembership(raw, units);
  if (!input.ok) return input;
  // A unit role opens citizens' data: an admin never gives one to themselves (another admin must).
  if (change === 'add' && id === a.staffAccountId) return { ok: false, issues: [{ field: 'unitId', code: 'self' }] };
  return audited(db, a, clock, `admin.membership.${change}`, async (trx) => {
    await existingAccount(trx, id);
    const changed = change === 'add' ? await repo.addMembership(trx, id, input.value) : await repo.removeMembership(trx, id, input.value);
    if (!changed && change === 'add') return [{ field: 'unitId', code: 'exists' }];
    return { type: 'staff_account', id, context: membershipContext(input.value.unitId, input.value.role) };
  });
}

export async function changeManagerRole(db: Kysely<Database>, actor: Actor, clock: Clock, id: string, change: 'add' | 'remove', raw: { principalId: string }): Promise<Outcome> {
  const a = admin(actor, 'write');
  const principals = new Set((await repo.listPrincipals(db)).map((p) => p.id));
  const input = validateManagerOf(raw, principals);
  if (!input.ok) return input;
  // The manager role opens the statistics of a principal: never given to oneself either.
  if (change === 'add' && id === a.staffAccountId) return { ok: false, issues: [{ field: 'managerPrincipalId', code: 'self' }] };
  return audited(db, a, clock, `admin.manager.${change}`, async (trx) => {
    await existingAccount(trx, id);
    const changed = change === 'add' ? await repo.addManagerOf(trx, id, input.value.principalId) : await repo.removeManagerOf(trx, id, input.value.principalId);
    if (!changed && change === 'add') return [{ field: 'managerPrincipalId', code: 'exists' }];
    return { type: 'staff_account', id, context: input.value.principalId };
  });
}

/** Carries out one action from a staff account's page. */
export function applyStaffAccountAction(db: Kysely<Database>, actor: Actor, clock: Clock, id: string, action: StaffAccountAction): Promise<Outcome> {
  switch (action.intent) {
    case 'update':
      return updateStaffAccount(db, actor, clock, id, action.raw);
    case 'enable':
    case 'disable':
      return setStaffAccountActive(db, actor, clock, id, action.intent === 'enable');
    case 'addMembership':
    case 'removeMembership':
      return changeMembership(db, actor, clock, id, action.intent === 'addMembership' ? 'add' : 'remove', action.raw);
    case 'addManager':
    case 'removeManager':
      return changeManagerRole(db, actor, clock, id, action.intent === 'addManager' ? 'add' : 'remove', action.raw);
  }
}
