import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRINCIPALS, seedDemo } from '../../db/seed/demo.ts';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`demo data on ${engine}`, () => {
  it('loads invented principals and units, and a second run changes nothing', async () => {
    await seedDemo(database.db);
    await seedDemo(database.db);
    const principals = await database.db.selectFrom('principal').select(['name', 'kind']).orderBy('name').execute();
    expect(principals).toHaveLength(DEMO_PRINCIPALS.length);
    expect(principals.map((p) => p.kind).sort()).toEqual(['municipality', 'municipality', 'region', 'school']);
    const units = await database.db.selectFrom('unit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(units.n)).toBe(DEMO_PRINCIPALS.reduce((n, p) => n + p.units.length, 0));
    const staff = await database.db.selectFrom('staff_account').select(['hsa_id', 'is_admin']).execute();
    expect(staff).toHaveLength(8);
    expect(staff.filter((s) => s.is_admin)).toHaveLength(1);
    expect(await database.db.selectFrom('unit_membership').selectAll().execute()).toHaveLength(5);
    expect(await database.db.selectFrom('unit_membership').select('role').where('role', '=', 'deviationHandler').execute()).toHaveLength(1);
    expect(await database.db.selectFrom('principal_manager').selectAll().execute()).toHaveLength(5);
    // Every principal belongs to an agreement; two requests wait in the inboxes, consent given; one plan is in force.
    expect(await database.db.selectFrom('principal').select('id').where('agreement_id', 'is', null).execute()).toEqual([]);
    const requests = await database.db.selectFrom('sip_request').select(['reference', 'status']).orderBy('reference').execute();
    expect(requests).toEqual([{ reference: 'SIP-DEMO-0001', status: 'sent' }, { reference: 'SIP-DEMO-0002', status: 'sent' }, { reference: 'SIP-DEMO-0003', status: 'received' }]);
    const plans = await database.db.selectFrom('plan').select(['reference', 'status', 'active_version']).execute();
    expect(plans).toEqual([{ reference: 'SIP-DEMO-0003', status: 'active', active_version: 1 }]);
    expect(await database.db.selectFrom('meeting').select('kind').where('status', '=', 'planned').execute()).toEqual([{ kind: 'followUp' }]);
    expect(await database.db.selectFrom('consent_requirement').select('consent_id').where('consent_id', 'is', null).execute()).toEqual([]);
  });
});
