import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_CITIZENS, DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { GuardianshipUnavailable } from '../../src/features/access/guardianship-http.ts';
import { upsertPerson } from '../../src/features/access/account.repository.ts';
import { can } from '../../src/features/access/access.domain.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
const session = (owner: { kind: 'person'; personId: string } | { kind: 'staff'; staffAccountId: string }) => ({ id: 's', owner, expiresAt: new Date() });
const staffId = async (hsa: string) => (await database.db.selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow()).id;
const hsa = (sub: string) => DEMO_STAFF.find((s) => s.sub === sub)!.hsaId;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe(`loading the acting user on ${engine}`, () => {
  it('anonymous without a session', async () => {
    const profile = await loadActor(database.db, undefined, fixedClock('2026-11-23'), demoRegisterGuardianships(database.db));
    expect(profile.actor.kind).toBe('anonymous');
  });

  it('a guardian gets the children under 18 from the register seam; custody ends on the 18th birthday', async () => {
    const cecilia = DEMO_CITIZENS.find((c) => c.sub === 'demo-cecilia')!;
    const personId = await upsertPerson(database.db, { personalIdentityNumber: cecilia.personalIdentityNumber, givenName: 'Cecilia', familyName: 'Provsdotter', birthDate: '1984-09-17' });
    const source = demoRegisterGuardianships(database.db);
    const now = await loadActor(database.db, session({ kind: 'person', personId }), fixedClock('2026-11-23T12:00:00Z'), source);
    expect(now.children.map((c) => [c.givenName, c.birthDate])).toEqual([['Elin', '2010-06-05'], ['Dani', '2014-03-10']]);
    const dayBefore = await loadActor(database.db, session({ kind: 'person', personId }), fixedClock('2028-06-04T12:00:00Z'), source);
    expect(dayBefore.children.map((c) => c.givenName)).toEqual(['Elin', 'Dani']);
    const birthday = await loadActor(database.db, session({ kind: 'person', personId }), fixedClock('2028-06-05T12:00:00Z'), source);
    expect(birthday.children.map((c) => c.givenName)).toEqual(['Dani']);
  });

  it('a register that does not answer gives no children and says so, and every page still works', async () => {
    const cecilia = DEMO_CITIZENS.find((c) => c.sub === 'demo-cecilia')!;
    const personId = await upsertPerson(database.db, { personalIdentityNumber: cecilia.personalIdentityNumber, givenName: 'Cecilia', familyName: 'Provsdotter', birthDate: '1984-09-17' });
    const down = { childrenOf: () => Promise.reject(new GuardianshipUnavailable('timeout')), guardiansOf: () => Promise.reject(new GuardianshipUnavailable('timeout')) };
    const profile = await loadActor(database.db, session({ kind: 'person', personId }), fixedClock('2026-11-23T12:00:00Z'), down);
    expect(profile.children).toEqual([]);
    expect(profile.registerUnavailable).toBe(true);
    expect(profile.actor.kind === 'person' && profile.actor.guardianOf.size).toBe(0);
    // Any other failure is not hidden.
    const broken = { ...down, childrenOf: () => Promise.reject(new Error('bug')) };
    await expect(loadActor(database.db, session({ kind: 'person', personId }), fixedClock('2026-11-23T12:00:00Z'), broken)).rejects.toThrow('bug');
  });

  it('staff get their units and principals, and can() answers from them', async () => {
    const karin = await loadActor(database.db, session({ kind: 'staff', staffAccountId: await staffId(hsa('demo-staff-kommun')) }), fixedClock('2026-11-23'), demoRegisterGuardianships(database.db));
    expect(karin.memberships.map((m) => [m.unitName, m.principalName, m.role])).toEqual([['Socialtjänst vuxen', 'Exempelby kommun', 'member']]);
    const kommun = karin.memberships[0]!.principalId;
    const region = await database.db.selectFrom('principal').select('id').where('name', '=', 'Region Exempel').executeTakeFirstOrThrow();
    expect(can(karin.actor, 'read', { type: 'request', subjectPersonId: 'x', principalId: kommun, consentPrincipalIds: [kommun, region.id] })).toBe(true);
    expect(can(karin.actor, 'read', { type: 'request', subjectPersonId: 'x', principalId: region.id, consentPrincipalIds: [kommun, region.id] })).toBe(false);
  });

  it('a manager manages their principal and an admin administers, neither reads a person', async () => {
    const clock = fixedClock('2026-11-23');
    const source = demoRegisterGuardianships(database.db);
    const maria = await loadActor(database.db, session({ kind: 'staff', staffAccountId: await staffId(hsa('demo-manager')) }), clock, source);
    expect(maria.managerOf.map((p) => p.name)).toEqual(['Exempelby kommun']);
    expect(can(maria.actor, 'read', { type: 'statistics', principalIds: [maria.managerOf[0]!.id] })).toBe(true);
    const adam = await loadActor(database.db, session({ kind: 'staff', staffAccountId: await staffId(hsa('demo-admin')) }), clock, source);
    expect(can(adam.actor, 'write', { type: 'administration' })).toBe(true);
    expect(can(adam.actor, 'read', { type: 'personRecord', personId: 'x' })).toBe(false);
  });
});
