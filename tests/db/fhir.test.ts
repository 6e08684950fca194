/**
 * The FHIR API's reads on a real database (PGlite and PostgreSQL), with the demo's plan in force
 * (SIP-DEMO-0003, Olle): the same access as the pages for the person, a relative it was shared with,
 * staff of the plan and staff elsewhere; API clients limited to their principal; every read by someone
 * else than the person audited; every Bundle valid against the official FHIR R4 schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarePlan, Consent, Goal } from 'fhir/r4';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_CITIZENS, DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { upsertPerson } from '../../src/features/access/account.repository.ts';
import { AccessDenied, type Actor } from '../../src/features/access/access.domain.ts';
import { accessLog } from '../../src/features/access/access-log.service.ts';
import { grantToken, issueClient, revokeClient, systemActor } from '../../src/features/api-client/api-client.service.ts';
import { carePlanBundle, carePlanSearch } from '../../src/features/fhir/fhir.service.ts';
import { PERSONNUMMER_SYSTEM } from '../../src/features/fhir/fhir.domain.ts';
import { insertFollowUp } from '../../src/features/follow-up/follow-up.repository.ts';
import { closePlansOf } from '../../src/features/plan/plan.repository.ts';
import { withdrawAllConsentsOf } from '../../src/features/request/consent.repository.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { fhirSchemaErrors } from '../support/fhir-schema.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
const db = () => database.db;
const now = new Date();
const clock = fixedClock(now);
const BASE = 'https://sip.example.se/api/fhir/R4';
let planId = '';
let olleId = '';

async function person(sub: string): Promise<Actor> {
  const c = DEMO_CITIZENS.find((x) => x.sub === sub)!;
  const p = c.personalIdentityNumber;
  const personId = await upsertPerson(db(), { personalIdentityNumber: p, givenName: c.givenName, familyName: c.familyName, birthDate: `${p.slice(0, 4)}-${p.slice(4, 6)}-${p.slice(6, 8)}` });
  return (await loadActor(db(), { id: 's', owner: { kind: 'person', personId }, expiresAt: now }, clock, demoRegisterGuardianships(db()))).actor;
}

async function staff(sub: string): Promise<Actor> {
  const hsa = DEMO_STAFF.find((s) => s.sub === sub)!.hsaId;
  const { id } = await db().selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
  return (await loadActor(db(), { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: now }, clock, demoRegisterGuardianships(db()))).actor;
}

/** An API client of the principal, issued by the demo admin, and the system actor of a fresh token. */
async function client(principal: string): Promise<{ id: string; secret: string; actor: Actor }> {
  const { id: principalId } = await db().selectFrom('principal').select('id').where('name', '=', principal).executeTakeFirstOrThrow();
  const issued = await issueClient(db(), await staff('demo-admin'), clock, { name: `Journalsystem, ${principal}`, principalId });
  if (!issued.ok) throw new Error('not issued');
  const token = await grantToken(db(), clock, { clientId: issued.id, clientSecret: issued.secret });
  if (!token.ok) throw new Error('no token');
  return { id: issued.id, secret: issued.secret, actor: (await systemActor(db(), clock, token.accessToken))! };
}

const fhirReads = async () =>
  db().selectFrom('audit_event').select(['actor_kind', 'actor_id']).where('record_id', '=', planId).where('action', '=', 'plan.read').where('context', '=', 'fhir').orderBy('id').execute();

const resourcesOf = (b: { entry?: { resource?: unknown }[] }) => (b.entry ?? []).map((e) => e.resource as { resourceType: string });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(db());
  ({ id: planId, subject_person_id: olleId } = await db().selectFrom('plan').select(['id', 'subject_person_id']).where('reference', '=', 'SIP-DEMO-0003').executeTakeFirstOrThrow());
});
afterAll(async () => {
  await database?.close();
});

describe(`the FHIR API's access and audit on ${engine}`, () => {
  it('gives the coordinator the demo plan as a schema-valid Bundle, with the personnummer, audited', async () => {
    const b = await carePlanBundle(db(), await staff('demo-staff-region'), clock, planId, BASE);
    expect(fhirSchemaErrors(b)).toEqual([]);
    expect(resourcesOf(b).map((r) => r.resourceType)).toEqual(['CarePlan', 'Goal', 'Goal', 'Goal', 'CareTeam', 'Consent']);
    const cp = resourcesOf(b)[0] as CarePlan;
    expect(cp).toMatchObject({ id: planId, status: 'active', intent: 'plan', title: 'SIP-DEMO-0003' });
    expect(cp.subject.identifier).toEqual({ system: PERSONNUMMER_SYSTEM, value: DEMO_CITIZENS.find((c) => c.sub === 'demo-olle')!.personalIdentityNumber });
    expect(b.entry![0]!.fullUrl).toBe(`${BASE}/CarePlan/${planId}`);
    expect(await fhirReads()).toEqual([{ actor_kind: 'staff', actor_id: expect.any(String) }]);
  });

  it('gives the person their own plan without the personnummer and without an audit event', async () => {
    const before = (await fhirReads()).length;
    const b = await carePlanBundle(db(), await person('demo-olle'), clock, planId, BASE);
    expect(fhirSchemaErrors(b)).toEqual([]);
    expect(JSON.stringify(b)).not.toContain(DEMO_CITIZENS.find((c) => c.sub === 'demo-olle')!.personalIdentityNumber);
    expect((await fhirReads()).length).toBe(before);
    const search = await carePlanSearch(db(), await person('demo-olle'), clock, olleId, BASE);
    expect(search.total).toBe(1);
    expect(fhirSchemaErrors(search)).toEqual([]);
  });

  it('gives a relative the plan once it is shared, audited in the person\'s log; not before', async () => {
    await expect(carePlanBundle(db(), await person('demo-bengt'), clock, planId, BASE)).rejects.toBeInstanceOf(AccessDenied);
    expect((await carePlanSearch(db(), await person('demo-bengt'), clock, olleId, BASE)).total).toBe(0);
    const bengt = (await person('demo-bengt')) as Extract<Actor, { kind: 'person' }>;
    await db().insertInto('delegation').values({ person_id: olleId, delegate_person_id: bengt.personId, granted_by_person_id: olleId, granted_at: now }).execute();
    const b = await carePlanBundle(db(), await person('demo-bengt'), clock, planId, BASE);
    expect(fhirSchemaErrors(b)).toEqual([]);
    expect(JSON.stringify(b)).not.toContain(DEMO_CITIZENS.find((c) => c.sub === 'demo-olle')!.personalIdentityNumber);
    expect((await fhirReads()).at(-1)).toEqual({ actor_kind: 'person', actor_id: bengt.personId });
  });

  it('refuses someone else\'s plan exactly as a missing one, and audits nothing', async () => {
    const before = (await fhirReads()).length;
    for (const actor of [await person('demo-anna'), await staff('demo-staff-skogsby'), await staff('demo-admin'), await staff('demo-manager')]) {
      await expect(carePlanBundle(db(), actor, clock, planId, BASE)).rejects.toBeInstanceOf(AccessDenied);
      expect((await carePlanSearch(db(), actor, clock, olleId, BASE)).total).toBe(0);
    }
    await expect(carePlanBundle(db(), await person('demo-anna'), clock, crypto.randomUUID(), BASE)).rejects.toBeInstanceOf(AccessDenied);
    await expect(carePlanBundle(db(), await person('demo-anna'), clock, 'not-an-id', BASE)).rejects.toBeInstanceOf(AccessDenied);
    expect((await fhirReads()).length).toBe(before);
  });

  it('lets an API client read its principal\'s plans only, every read audited under its name', async () => {
    const region = await client('Region Exempel');
    const b = await carePlanBundle(db(), region.actor, clock, planId, BASE);
    expect(fhirSchemaErrors(b)).toEqual([]);
    expect(JSON.stringify(b)).toContain(PERSONNUMMER_SYSTEM);
    expect((await carePlanSearch(db(), region.actor, clock, olleId, BASE)).total).toBe(1);
    expect((await fhirReads()).slice(-2)).toEqual([{ actor_kind: 'system', actor_id: region.id }, { actor_kind: 'system', actor_id: region.id }]);
    expect((await accessLog(db(), olleId))[0]!.who).toEqual({ kind: 'system', name: 'Journalsystem, Region Exempel' });

    const skogsby = await client('Skogsby kommun');
    await expect(carePlanBundle(db(), skogsby.actor, clock, planId, BASE)).rejects.toBeInstanceOf(AccessDenied);
    expect((await carePlanSearch(db(), skogsby.actor, clock, olleId, BASE)).total).toBe(0);
  });

  it('issues tokens only for the right secret, ends them when they expire or the client is revoked', async () => {
    const region = await client('Region Exempel');
    expect(await grantToken(db(), clock, { clientId: region.id, clientSecret: 'wrong' })).toEqual({ ok: false, error: 'invalid_client' });
    expect(await grantToken(db(), clock, { clientId: 'not-a-uuid', clientSecret: region.secret })).toEqual({ ok: false, error: 'invalid_client' });
    const token = await grantToken(db(), clock, { clientId: region.id, clientSecret: region.secret });
    if (!token.ok) throw new Error('no token');
    expect(await systemActor(db(), fixedClock(new Date(now.getTime() + 299_000)), token.accessToken)).toMatchObject({ kind: 'system', apiClientId: region.id });
    expect(await systemActor(db(), fixedClock(new Date(now.getTime() + 300_000)), token.accessToken)).toBeUndefined();
    // A token with its last character changed (to one it is not: 'a' when it ended in 'a' failed 1 run in 32).
    const tampered = `${token.accessToken.slice(0, -1)}${token.accessToken.endsWith('a') ? 'b' : 'a'}`;
    expect(await systemActor(db(), clock, tampered)).toBeUndefined();
    await revokeClient(db(), await staff('demo-admin'), clock, region.id);
    expect(await systemActor(db(), clock, token.accessToken)).toBeUndefined();
    expect(await grantToken(db(), clock, { clientId: region.id, clientSecret: region.secret })).toEqual({ ok: false, error: 'invalid_client' });
    await expect(revokeClient(db(), await staff('demo-staff-region'), clock, region.id)).rejects.toBeInstanceOf(AccessDenied);
    const stored = await db().selectFrom('api_client').select('secret_hash').where('id', '=', region.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.secret_hash).toString('utf8')).not.toContain(region.secret);
  });

  it('shows the latest follow-up assessment as achievementStatus; after withdrawal only the person reads it, with the consent inactive', async () => {
    const rasmus = (await staff('demo-staff-region')) as Extract<Actor, { kind: 'staff' }>;
    const { id: meetingId } = await db().selectFrom('meeting').select('id').where('plan_id', '=', planId).where('kind', '=', 'followUp').executeTakeFirstOrThrow();
    await insertFollowUp(db(), { planId, meetingId, version: 1, decision: 'continue', nextDate: '2099-01-01', note: '', by: rasmus.staffAccountId, at: now }, [
      { goalId: 'g1', subGoalId: '', staffValue: 'partlyMet', staffComment: '', personValue: null, personComment: '' },
      { goalId: 'g2', subGoalId: '', staffValue: 'met', staffComment: '', personValue: null, personComment: '' },
    ]);
    const olle = (await person('demo-olle')) as Extract<Actor, { kind: 'person' }>;
    await withdrawAllConsentsOf(db(), olleId, olle.personId, now);
    await closePlansOf(db(), olleId, 'consentWithdrawn', now);
    // Withdrawal ends every staff and system read path (issue 18): the coordinator gets the 404 of a missing plan.
    await expect(carePlanBundle(db(), rasmus, clock, planId, BASE)).rejects.toBeInstanceOf(AccessDenied);
    expect((await carePlanSearch(db(), rasmus, clock, olleId, BASE)).total).toBe(0);
    const region = await client('Region Exempel');
    await expect(carePlanBundle(db(), region.actor, clock, planId, BASE)).rejects.toBeInstanceOf(AccessDenied);
    expect((await carePlanSearch(db(), region.actor, clock, olleId, BASE)).total).toBe(0);
    const b = await carePlanBundle(db(), olle, clock, planId, BASE);
    expect(fhirSchemaErrors(b)).toEqual([]);
    const goals = resourcesOf(b).filter((r): r is Goal => r.resourceType === 'Goal');
    expect(goals.map((g) => g.achievementStatus?.coding?.[0]?.code)).toEqual(['improving', undefined, 'achieved']);
    expect((resourcesOf(b).find((r) => r.resourceType === 'Consent') as Consent).status).toBe('inactive');
    expect((resourcesOf(b)[0] as CarePlan).status).toBe('revoked');
  });
});
