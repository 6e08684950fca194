import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { AccessDenied, type Actor } from '../../src/features/access/access.domain.ts';
import * as admin from '../../src/features/admin/admin.service.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
let adminActor: Actor;
let staffActor: Actor;
let adminId: string;
const clock = fixedClock('2026-11-23T10:00:00Z');
const staffRaw = { name: 'Nina Nyström', hsaId: 'se2321000000-nn01', email: '', title: 'Kurator', worksWith: '', canCoordinate: true, isAdmin: false };

async function actorFor(sub: string): Promise<[Actor, string]> {
  const hsaId = DEMO_STAFF.find((s) => s.sub === sub)!.hsaId;
  const { id } = await database.db.selectFrom('staff_account').select('id').where('hsa_id', '=', hsaId).executeTakeFirstOrThrow();
  const profile = await loadActor(database.db, { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, clock, demoRegisterGuardianships(database.db));
  return [profile.actor, id];
}

const auditCount = async (action: string) =>
  Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  [adminActor, adminId] = await actorFor('demo-admin');
  [staffActor] = await actorFor('demo-staff-kommun');
});
afterAll(async () => {
  await database?.close();
});

describe(`administration on ${engine}`, () => {
  it('only an admin may read or change anything', async () => {
    await expect(admin.overview(database.db, staffActor)).rejects.toBeInstanceOf(AccessDenied);
    await expect(admin.createPrincipal(database.db, staffActor, clock, { name: 'X', kind: 'region' })).rejects.toBeInstanceOf(AccessDenied);
    await expect(admin.overview(database.db, { kind: 'anonymous' })).rejects.toBeInstanceOf(AccessDenied);
  });

  it('creates a principal and a unit, each with its audit event in the same transaction', async () => {
    const p = await admin.createPrincipal(database.db, adminActor, clock, { name: 'Region Testland', kind: 'region' });
    expect(p.ok).toBe(true);
    const u = await admin.createUnit(database.db, adminActor, clock, { principalId: p.ok ? p.id : '', name: 'Habilitering' });
    expect(u.ok).toBe(true);
    expect(await auditCount('admin.principal.create')).toBe(1);
    expect(await auditCount('admin.unit.create')).toBe(1);
  });

  it('refuses duplicates with a field issue and stores nothing', async () => {
    expect(await admin.createPrincipal(database.db, adminActor, clock, { name: 'region testland', kind: 'region' })).toEqual({ ok: false, issues: [{ field: 'name', code: 'taken' }] });
    const { principals } = await admin.overview(database.db, adminActor);
    const p = principals.find((x) => x.name === 'Region Testland')!;
    expect(await admin.createUnit(database.db, adminActor, clock, { principalId: p.id, name: 'HABILITERING' })).toEqual({ ok: false, issues: [{ field: 'name', code: 'taken' }] });
    expect(await admin.createUnit(database.db, adminActor, clock, { principalId: 'not-a-uuid', name: 'X' })).toEqual({ ok: false, issues: [{ field: 'principalId', code: 'unknown' }] });
    expect(await auditCount('admin.principal.create')).toBe(1);
  });

  it('creates a staff account with a normalized HSA-id, gives it a unit and a manager role, and takes them away', async () => {
    const created = await admin.createStaffAccount(database.db, adminActor, clock, staffRaw);
    if (!created.ok) throw new Error('not created');
    expect(await admin.createStaffAccount(database.db, adminActor, clock, staffRaw)).toEqual({ ok: false, issues: [{ field: 'hsaId', code: 'taken' }] });
    const { units, principals } = (await admin.staffAccountDetail(database.db, adminActor, created.id))!;
    const unit = units.find((u) => u.name === 'Habilitering')!;
    expect((await admin.changeMembership(database.db, adminActor, clock, created.id, 'add', { unitId: unit.id, role: 'member' })).ok).toBe(true);
    expect(await admin.changeMembership(database.db, adminActor, clock, created.id, 'add', { unitId: unit.id, role: 'member' })).toEqual({ ok: false, issues: [{ field: 'unitId', code: 'exists' }] });
    expect((await admin.changeManagerRole(database.db, adminActor, clock, created.id, 'add', { principalId: principals[0]!.id })).ok).toBe(true);
    let detail = (await admin.staffAccountDetail(database.db, adminActor, created.id))!;
    expect(detail.account.hsaId).toBe('SE2321000000-NN01');
    expect(detail.memberships.map((m) => [m.unitName, m.role])).toEqual([['Habilitering', 'member']]);
    expect(detail.managerOf).toHaveLength(1);
    await admin.changeMembership(database.db, adminActor, clock, created.id, 'remove', { unitId: unit.id, role: 'member' });
    await admin.changeManagerRole(database.db, adminActor, clock, created.id, 'remove', { principalId: principals[0]!.id });
    detail = (await admin.staffAccountDetail(database.db, adminActor, created.id))!;
    expect([detail.memberships, detail.managerOf]).toEqual([[], []]);
    expect(await auditCount('admin.membership.add')).toBe(1);
    expect(await auditCount('admin.membership.remove')).toBe(1);
  });

  it('disabling an account ends its sessions; an admin cannot disable themselves or drop the last admin role', async () => {
    const { staff } = await admin.overview(database.db, adminActor);
    const nina = staff.find((s) => s.name === 'Nina Nyström')!;
    await database.db.insertInto('session').values({ id: 'nina', secret_hash: new Uint8Array(32), staff_account_id: nina.id, created_at: clock.now(), last_seen_at: clock.now() }).execute();
    expect((await admin.setStaffAccountActive(database.db, adminActor, clock, nina.id, false)).ok).toBe(true);
    expect(await database.db.selectFrom('session').select('id').where('staff_account_id', '=', nina.id).execute()).toEqual([]);
    expect((await admin.staffAccountDetail(database.db, adminActor, nina.id))!.account.disabled).toBe(true);
    expect(await admin.setStaffAccountActive(database.db, adminActor, clock, adminId, false)).toEqual({ ok: false, issues: [{ field: 'status', code: 'self' }] });
    const self = (await admin.staffAccountDetail(database.db, adminActor, adminId))!.account;
    const update = { name: self.name, hsaId: self.hsaId, email: '', title: '', worksWith: '', canCoordinate: false, isAdmin: false };
    expect(await admin.updateStaffAccount(database.db, adminActor, clock, adminId, update)).toEqual({ ok: false, issues: [{ field: 'isAdmin', code: 'lastAdmin' }] });
  });

  it('a missing or malformed account id answers as not found, never a database error', async () => {
    expect(await admin.staffAccountDetail(database.db, adminActor, 'x')).toBeUndefined();
    expect(await admin.staffAccountDetail(database.db, adminActor, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    await expect(admin.setStaffAccountActive(database.db, adminActor, clock, 'x', true)).rejects.toBeInstanceOf(AccessDenied);
  });

  it('an admin cannot give themselves a unit or manager role, nor change their own HSA-id; another admin can, and admins see every role change', async () => {
    const { units, principals, account } = (await admin.staffAccountDetail(database.db, adminActor, adminId))!;
    const unit = units.find((u) => u.name === 'Habilitering')!;
    expect(await admin.changeMembership(database.db, adminActor, clock, adminId, 'add', { unitId: unit.id, role: 'member' })).toEqual({ ok: false, issues: [{ field: 'unitId', code: 'self' }] });
    expect(await admin.changeManagerRole(database.db, adminActor, clock, adminId, 'add', { principalId: principals[0]!.id })).toEqual({ ok: false, issues: [{ field: 'managerPrincipalId', code: 'self' }] });
    const own = { name: account.name, hsaId: 'SE2321000000-FREE1', email: '', title: '', worksWith: '', canCoordinate: false, isAdmin: true };
    expect(await admin.updateStaffAccount(database.db, adminActor, clock, adminId, own)).toEqual({ ok: false, issues: [{ field: 'hsaId', code: 'self' }] });
    let detail = (await admin.staffAccountDetail(database.db, adminActor, adminId))!;
    expect([detail.memberships, detail.managerOf, detail.account.hsaId]).toEqual([[], [], account.hsaId]);

    const second = await admin.createStaffAccount(database.db, adminActor, clock, { ...staffRaw, name: 'Alva Andra', hsaId: 'SE2321000000-AA02', isAdmin: true });
    if (!second.ok) throw new Error('not created');
    const other = (await loadActor(database.db, { id: 's2', owner: { kind: 'staff', staffAccountId: second.id }, expiresAt: new Date() }, clock, demoRegisterGuardianships(database.db))).actor;
    expect((await admin.changeMembership(database.db, other, clock, adminId, 'add', { unitId: unit.id, role: 'deviationHandler' })).ok).toBe(true);
    expect((await admin.changeManagerRole(database.db, other, clock, adminId, 'add', { principalId: principals[0]!.id })).ok).toBe(true);
    detail = (await admin.staffAccountDetail(database.db, adminActor, adminId))!;
    expect(detail.memberships.map((m) => [m.unitName, m.role])).toEqual([['Habilitering', 'deviationHandler']]);

    const { roleChanges } = await admin.overview(database.db, adminActor);
    expect(roleChanges.slice(0, 3).map(({ action, byName, accountName, placeName, role }) => ({ action, byName, accountName, placeName, role }))).toEqual([
      { action: 'admin.manager.add', byName: 'Alva Andra', accountName: account.name, placeName: principals[0]!.name, role: null },
      { action: 'admin.membership.add', byName: 'Alva Andra', accountName: account.name, placeName: 'Habilitering', role: 'deviationHandler' },
      { action: 'admin.role.adminGranted', byName: account.name, accountName: 'Alva Andra', placeName: null, role: null },
    ]);
    // The earlier test's changes to Nina are there too: every change, not only the latest.
    expect(roleChanges.filter((c) => c.accountName === 'Nina Nyström').map((c) => c.action).sort()).toEqual(['admin.manager.add', 'admin.manager.remove', 'admin.membership.add', 'admin.membership.remove']);
  });
});
