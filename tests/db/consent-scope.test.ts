/**
 * The consent scope on a real database (PGlite and PostgreSQL), played as an attacker with ordinary
 * accounts: a coordinator cannot bring in staff of a principal the person never consented to; even a
 * unit that got onto the plan outside the consent gives its staff nothing; a coordinator who leaves the
 * plan's units loses access at once; a request waiting for consent is nobody's to read; and the person
 * widens their consent (or says no) before anything is shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_CITIZENS, DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { upsertPerson } from '../../src/features/access/account.repository.ts';
import { AccessDenied, type Actor } from '../../src/features/access/access.domain.ts';
import { planOverview, requestForStaff, takeRequest } from '../../src/features/plan/plan.service.ts';
import { addInvitee, preparation, saveMeeting } from '../../src/features/plan/meeting.service.ts';
import { editor } from '../../src/features/plan/plan-edit.service.ts';
import { answerWiden, askToWiden, myConsentScope, myScopeQuestions } from '../../src/features/consent/scope-request.service.ts';
import { carePlanBundle } from '../../src/features/fhir/fhir.service.ts';
import { grantToken, issueClient, systemActor } from '../../src/features/api-client/api-client.service.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
const clock = fixedClock('2026-11-23T10:00:00Z');
const db = () => database.db;
const source = () => demoRegisterGuardianships(database.db);

async function person(sub: string): Promise<Actor> {
  const c = DEMO_CITIZENS.find((x) => x.sub === sub)!;
  const p = c.personalIdentityNumber;
  const personId = await upsertPerson(db(), { personalIdentityNumber: p, givenName: c.givenName, familyName: c.familyName, birthDate: `${p.slice(0, 4)}-${p.slice(4, 6)}-${p.slice(6, 8)}` });
  return (await loadActor(db(), { id: 's', owner: { kind: 'person', personId }, expiresAt: new Date() }, clock, source())).actor;
}

const staffId = async (sub: string) => (await db().selectFrom('staff_account').select('id').where('hsa_id', '=', DEMO_STAFF.find((s) => s.sub === sub)!.hsaId).executeTakeFirstOrThrow()).id;
/** The staff member as they are now (memberships read afresh, as on every request). */
const staff = async (sub: string): Promise<Actor> => (await loadActor(db(), { id: 's', owner: { kind: 'staff', staffAccountId: await staffId(sub) }, expiresAt: new Date() }, clock, source())).actor;
const principalId = async (name: string) => (await db().selectFrom('principal').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const unitId = async (name: string) => (await db().selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const codes = (o: { ok: boolean; issues?: { field: string; code: string }[] }) => (o.ok ? [] : o.issues!.map((i) => `${i.field}:${i.code}`));

/** Every row a sharing could have touched, to prove a refused action changed nothing. */
const sharing = async (planId: string) => ({
  units: (await db().selectFrom('plan_unit').select('unit_id').where('plan_id', '=', planId).orderBy('unit_id').execute()).map((r) => r.unit_id),
  principals: (await db().selectFrom('plan_principal').select('principal_id').where('plan_id', '=', planId).orderBy('principal_id').execute()).map((r) => r.principal_id),
  invitations: Number((await db().selectFrom('invitation').innerJoin('meeting', 'meeting.id', 'invitation.meeting_id').select((eb) => eb.fn.countAll().as('n')).where('meeting.plan_id', '=', planId).executeTakeFirstOrThrow()).n),
  consents: Number((await db().selectFrom('consent').innerJoin('plan', 'plan.request_id', 'consent.request_id').select((eb) => eb.fn.countAll().as('n')).where('plan.id', '=', planId).executeTakeFirstOrThrow()).n),
});

let planId = '';
const meeting = { date: '2026-12-01', startTime: '09:00', endTime: '10:00', placeKind: 'service', location: 'Vårdcentralen' };
const invite = (staffAccountId: string) => ({ kind: 'staff', staffAccountId, name: '', organisation: '', email: '' });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { activePlan: true, clock });
  // Hassan's request names (and his consent covers) Exempelby kommun and Region Exempel, not the school.
  const { id } = await db().selectFrom('sip_request').select('id').where('reference', '=', 'SIP-DEMO-0001').executeTakeFirstOrThrow();
  planId = (await takeRequest(db(), await staff('demo-staff-kommun'), clock, id)).planId;
  expect(await saveMeeting(db(), await staff('demo-staff-kommun'), clock, planId, meeting)).toMatchObject({ ok: true });
});
afterAll(async () => {
  await database?.close();
});

describe(`the consent scope on ${engine}`, () => {
  it('refuses to invite staff of a principal outside the consent, and changes nothing', async () => {
    const karin = await staff('demo-staff-kommun');
    const before = await sharing(planId);
    const outcome = await addInvitee(db(), karin, clock, planId, invite(await staffId('demo-staff-skola')));
    expect(codes(outcome)).toEqual(['staffAccountId:outsideConsent']);
    expect(await sharing(planId)).toEqual(before);
    // The school is not offered, neither for invitations nor in the editor.
    const p = await preparation(db(), karin, clock, planId);
    expect(p.staffChoices.map((s) => s.principalName)).not.toContain('Exempelby skolförvaltning');
    expect(p.consented.map((c) => c.name).sort()).toEqual(['Exempelby kommun', 'Region Exempel']);
    expect(p.outsideConsent.map((c) => c.name)).toContain('Exempelby skolförvaltning');
    expect((await editor(db(), karin, clock, planId)).options.principals.map((pr) => pr.name)).not.toContain('Exempelby skolförvaltning');
  });

  it('refuses an invitation of oneself and a meeting at an hour that has passed', async () => {
    const karin = await staff('demo-staff-kommun');
    expect(codes(await addInvitee(db(), karin, clock, planId, invite(await staffId('demo-staff-kommun'))))).toEqual(['staffAccountId:self']);
    // 10:00 UTC is 11:00 in Sweden: a meeting today at 09:00 is in the past.
    expect(codes(await saveMeeting(db(), karin, clock, planId, { ...meeting, date: '2026-11-23' }))).toEqual(['startTime:inThePast']);
  });

  it('gives a unit outside the consent nothing, even when it is on the plan (pages, FHIR)', async () => {
    // As if an earlier version (or a bug) had put the school's unit on the plan.
    await db().insertInto('plan_unit').values({ plan_id: planId, unit_id: await unitId('Elevhälsan') }).execute();
    await db().insertInto('plan_principal').values({ plan_id: planId, principal_id: await principalId('Exempelby skolförvaltning') }).execute();
    const sara = await staff('demo-staff-skola');
    await expect(planOverview(db(), sara, clock, planId)).rejects.toBeInstanceOf(AccessDenied);
    await expect(preparation(db(), sara, clock, planId)).rejects.toBeInstanceOf(AccessDenied);
    await expect(carePlanBundle(db(), sara, clock, planId, 'https://x/api/fhir/R4')).rejects.toBeInstanceOf(AccessDenied);
    const issued = await issueClient(db(), await staff('demo-admin'), clock, { name: 'Skolans system', principalId: await principalId('Exempelby skolförvaltning') });
    if (!issued.ok) throw new Error('not issued');
    const token = await grantToken(db(), clock, { clientId: issued.id, clientSecret: issued.secret });
    if (!token.ok) throw new Error('no token');
    await expect(carePlanBundle(db(), (await systemActor(db(), clock, token.accessToken))!, clock, planId, 'https://x/api/fhir/R4')).rejects.toBeInstanceOf(AccessDenied);
    await db().deleteFrom('plan_unit').where('plan_id', '=', planId).where('unit_id', '=', await unitId('Elevhälsan')).execute();
    await db().deleteFrom('plan_principal').where('plan_id', '=', planId).where('principal_id', '=', await principalId('Exempelby skolförvaltning')).execute();
  });

  it('shares nothing while the person has not answered, and nothing when they say no', async () => {
    const karin = await staff('demo-staff-kommun');
    const school = await principalId('Exempelby skolförvaltning');
    const before = await sharing(planId);
    const asked = await askToWiden(db(), karin, clock, planId, { principalId: school, reason: 'Hassan går en kurs på vuxenskolan.', how: 'ask', obtainedHow: '' });
    expect(asked).toEqual({ ok: true });
    expect(codes(await askToWiden(db(), karin, clock, planId, { principalId: school, reason: 'Igen.', how: 'ask', obtainedHow: '' }))).toEqual(['principalId:alreadyAsked']);
    expect(codes(await askToWiden(db(), karin, clock, planId, { principalId: await principalId('Region Exempel'), reason: 'x', how: 'ask', obtainedHow: '' }))).toEqual(['principalId:required']);
    expect(codes(await addInvitee(db(), karin, clock, planId, invite(await staffId('demo-staff-skola'))))).toEqual(['staffAccountId:outsideConsent']);
    expect(await sharing(planId)).toEqual(before);

    const hassan = await person('demo-hassan');
    const [question] = await myScopeQuestions(db(), hassan);
    expect(question).toMatchObject({ principalName: 'Exempelby skolförvaltning', askedByName: 'Karin Kommunsson', reason: 'Hassan går en kurs på vuxenskolan.' });
    // Nobody else can answer: not a stranger, not the staff member.
    await expect(answerWiden(db(), await person('demo-anna'), clock, planId, { questionId: question!.id, answer: 'yes' })).rejects.toBeInstanceOf(AccessDenied);
    await expect(answerWiden(db(), karin, clock, planId, { questionId: question!.id, answer: 'yes' })).rejects.toBeInstanceOf(AccessDenied);
    expect(codes(await answerWiden(db(), hassan, clock, planId, { questionId: question!.id, answer: 'maybe' }))).toEqual(['answer:required']);
    expect(await answerWiden(db(), hassan, clock, planId, { questionId: question!.id, answer: 'no' })).toEqual({ ok: true, accepted: false });
    expect(await sharing(planId)).toEqual(before);
    expect(await myScopeQuestions(db(), hassan)).toEqual([]);
    expect((await myConsentScope(db(), hassan, planId)).principals.map((p) => p.name).sort()).toEqual(['Exempelby kommun', 'Region Exempel']);
  });

  it('widens the consent when the person says yes; then the school can be invited and reads the plan', async () => {
    const karin = await staff('demo-staff-kommun');
    const school = await principalId('Exempelby skolförvaltning');
    expect(await askToWiden(db(), karin, clock, planId, { principalId: school, reason: 'Skolan behövs.', how: 'ask', obtainedHow: '' })).toEqual({ ok: true });
    const hassan = await person('demo-hassan');
    const [question] = await myScopeQuestions(db(), hassan);
    expect(await answerWiden(db(), hassan, clock, planId, { questionId: question!.id, answer: 'yes' })).toEqual({ ok: true, accepted: true });
    expect((await myConsentScope(db(), hassan, planId)).principals.map((p) => p.name)).toContain('Exempelby skolförvaltning');
    expect(await addInvitee(db(), karin, clock, planId, invite(await staffId('demo-staff-skola')))).toEqual({ ok: true });
    expect((await planOverview(db(), await staff('demo-staff-skola'), clock, planId)).plan.id).toBe(planId);
    const audit = await db().selectFrom('audit_event').select('action').where('subject_person_id', '=', question!.subjectPersonId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['consent.askWiden', 'consent.declineWiden', 'consent.widen']));
  });

  it('lets staff record a widening an adult already agreed to, and never for someone whose consent others must give too', async () => {
    const karin = await staff('demo-staff-kommun');
    const skogsby = await principalId('Skogsby kommun');
    // Skogsby is in another agreement: not a principal this plan can involve at all.
    expect(codes(await askToWiden(db(), karin, clock, planId, { principalId: skogsby, reason: 'x', how: 'recorded', obtainedHow: 'orally' }))).toEqual(['principalId:required']);
    expect(codes(await askToWiden(db(), karin, clock, planId, { principalId: '', reason: '', how: 'recorded', obtainedHow: '' }))).toEqual(['principalId:required', 'reason:required', 'obtainedHow:required']);
  });

  it('ends the access of a coordinator who leaves every unit of the plan, at once', async () => {
    const { id: ollesPlan } = await db().selectFrom('plan').select('id').where('reference', '=', 'SIP-DEMO-0003').executeTakeFirstOrThrow();
    expect((await planOverview(db(), await staff('demo-staff-region'), clock, ollesPlan)).plan.coordinatorStaffAccountId).toBe(await staffId('demo-staff-region'));
    await db().deleteFrom('unit_membership').where('staff_account_id', '=', await staffId('demo-staff-region')).execute();
    const rasmus = await staff('demo-staff-region');
    await expect(planOverview(db(), rasmus, clock, ollesPlan)).rejects.toBeInstanceOf(AccessDenied);
    await expect(preparation(db(), rasmus, clock, ollesPlan)).rejects.toBeInstanceOf(AccessDenied);
    await expect(carePlanBundle(db(), rasmus, clock, ollesPlan, 'https://x/api/fhir/R4')).rejects.toBeInstanceOf(AccessDenied);
  });

  it('lets no staff read a request whose consent is still missing', async () => {
    const bengt = await person('demo-bengt');
    const anna = (await person('demo-anna')) as Extract<Actor, { kind: 'person' }>;
    const kommun = await principalId('Exempelby kommun');
    // A relative asked for Anna; Anna has not consented.
    const { id } = await db()
      .insertInto('sip_request')
      .values({ reference: 'SIP-TEST-WAIT', subject_person_id: anna.personId, submitted_by_person_id: (bengt as Extract<Actor, { kind: 'person' }>).personId, submitted_as: 'relative', status: 'awaitingConsent', answers: '{}', idempotency_key: 'test-wait', created_at: clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('sip_request_principal').values({ request_id: id, principal_id: kommun }).execute();
    await db().insertInto('consent_requirement').values({ request_id: id, person_id: anna.personId, role: 'subject', consent_id: null }).execute();
    await expect(requestForStaff(db(), await staff('demo-staff-kommun'), clock, id)).rejects.toBeInstanceOf(AccessDenied);
    await expect(takeRequest(db(), await staff('demo-staff-kommun'), clock, id)).rejects.toBeInstanceOf(AccessDenied);
  });
});
