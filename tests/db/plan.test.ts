/**
 * The staff journey on a real database (PGlite and PostgreSQL): take a request, first contact, prepare
 * and invite, write the plan with revision checks, offer it, the person accepts, versions, access, and
 * withdrawal of consent closing the plan. Mail goes to a real SMTP server on loopback.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_CITIZENS, DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { upsertPerson } from '../../src/features/access/account.repository.ts';
import { AccessDenied, type Actor } from '../../src/features/access/access.domain.ts';
import { planOverview, recordFirstContact, requestForStaff, takeRequest } from '../../src/features/plan/plan.service.ts';
import { inbox } from '../../src/features/plan/inbox.service.ts';
import { startFromStaff } from '../../src/features/plan/staff-start.service.ts';
import { editor, offerPlan, saveDraft, staffVersion } from '../../src/features/plan/plan-edit.service.ts';
import { addInvitee, answerInvitation, markHeld, saveMeeting, sendInvitations } from '../../src/features/plan/meeting.service.ts';
import { acceptPlan, myPlan, myPlans, requestPlanChanges } from '../../src/features/plan/plan-review.service.ts';
import { consentWithdrawnMail, invitationMails } from '../../src/features/plan/plan-mail.ts';
import { drainOutbox } from '../../src/shared/server/mail-outbox.ts';
import { withdrawConsent, myConsents } from '../../src/features/request/consent.service.ts';
import type { PlanContent } from '../../src/features/plan/plan.domain.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';

let database: AppDatabase;
let smtp: TestSmtp;
const clock = fixedClock('2026-11-23T10:00:00Z');
const later = fixedClock('2026-12-01T15:00:00Z');
const db = () => database.db;
const source = () => demoRegisterGuardianships(database.db);

async function person(sub: string): Promise<Actor> {
  const c = DEMO_CITIZENS.find((x) => x.sub === sub)!;
  const p = c.personalIdentityNumber;
  const personId = await upsertPerson(db(), { personalIdentityNumber: p, givenName: c.givenName, familyName: c.familyName, birthDate: `${p.slice(0, 4)}-${p.slice(4, 6)}-${p.slice(6, 8)}` });
  return (await loadActor(db(), { id: 's', owner: { kind: 'person', personId }, expiresAt: new Date() }, clock, source())).actor;
}

async function staff(sub: string): Promise<Actor> {
  const hsa = DEMO_STAFF.find((s) => s.sub === sub)!.hsaId;
  const { id } = await db().selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
  return (await loadActor(db(), { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, clock, source())).actor;
}

const requestId = async (reference: string) => (await db().selectFrom('sip_request').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
const unitId = async (name: string) => (await db().selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const principalId = async (name: string) => (await db().selectFrom('principal').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  smtp = await startTestSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.SIP_MODE = 'demo';
  database = await createTestDatabase();
  await seedDemo(database.db, { activePlan: false, clock });
});
afterAll(async () => {
  await database?.close();
  await smtp?.close();
});

async function fullPlan(planId: string, actor: Actor): Promise<PlanContent> {
  const e = await editor(db(), actor, later, planId);
  return {
    ...e.content,
    participants: [{ id: 'p1', name: 'Hassan Exempel', represents: 'Personen', role: '', present: true }, ...e.content.participants.slice(1)],
    needs: [{ id: 'n1', text: 'Stöd när jag mår dåligt' }],
    goals: [{ id: 'g1', text: 'En person att ringa till', subGoals: [{ id: 's1', text: 'Samordnaren ringer varje vecka' }] }],
    actions: [{ id: 'a1', what: 'Samtal varje vecka', goalId: 'g1', responsibleKind: 'unit', unitId: await unitId('Vuxenpsykiatri'), actorName: '', when: 'Från december', followUpDate: '2027-01-15' }],
    followUpDate: '2027-02-01',
    leadPrincipalId: await principalId('Region Exempel'),
  };
}

describe(`the staff journey on ${engine}`, () => {
  let planId = '';

  it('the inbox shows the seeded request to its principals only, with the first-contact deadline', async () => {
    const karin = await staff('demo-staff-kommun');
    const sofia = await staff('demo-staff-skogsby');
    const k = await inbox(db(), karin, clock);
    expect(k.requests.map((r) => r.reference)).toEqual(['SIP-DEMO-0001']);
    expect(k.requests[0]!.firstContact.state).toBe('onTime');
    expect((await inbox(db(), sofia, clock)).requests.map((r) => r.reference)).toEqual(['SIP-DEMO-0002']);
    // Another principal's staff cannot open it: the same answer as for a missing record.
    await expect(requestForStaff(db(), sofia, clock, await requestId('SIP-DEMO-0001'))).rejects.toBeInstanceOf(AccessDenied);
    // A person is never staff.
    await expect(inbox(db(), await person('demo-anna'), clock)).rejects.toBeInstanceOf(AccessDenied);
  });

  it('taking a request opens a plan once, audited; the first contact sets the scope', async () => {
    const rasmus = await staff('demo-staff-region');
    const id = await requestId('SIP-DEMO-0001');
    const first = await takeRequest(db(), rasmus, clock, id);
    const again = await takeRequest(db(), rasmus, clock, id);
    expect(again.planId).toBe(first.planId);
    planId = first.planId;
    const bad = await recordFirstContact(db(), rasmus, clock, planId, { contactDate: '2026-11-30', note: '', decision: 'goAhead', scope: 'local', declineReason: '' });
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['contactDate:inTheFuture', 'note:required', 'scope:required']);
    expect(await recordFirstContact(db(), rasmus, clock, planId, { contactDate: '2026-11-23', note: 'Ringde Hassan.', decision: 'goAhead', scope: 'regional', declineReason: '' })).toEqual({ ok: true, declined: false });
    const o = await planOverview(db(), rasmus, clock, planId);
    expect(o.plan.firstContactAt).not.toBeNull();
    expect(o.firstMeeting.dueDate).toBe('2026-12-22');
    const actions = await db().selectFrom('audit_event').select('action').where('record_id', '=', planId).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['request.take', 'plan.write', 'plan.read']));
  });

  it('invitations go out by SMTP with an iCalendar event and no health details; staff answer in the portal', async () => {
    const rasmus = await staff('demo-staff-region');
    const karin = await staff('demo-staff-kommun');
    const past = await saveMeeting(db(), rasmus, clock, planId, { date: '2026-11-01', startTime: '10:00', endTime: '09:00', placeKind: 'service', location: '' });
    expect(past.ok ? [] : past.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['date:inThePast', 'endTime:beforeStart', 'location:required']);
    expect((await saveMeeting(db(), rasmus, clock, planId, { date: '2026-12-01', startTime: '09:00', endTime: '10:30', placeKind: 'service', location: 'Vuxenpsykiatrin, rum 3' })).ok).toBe(true);
    const karinId = karin.kind === 'staff' ? karin.staffAccountId : '';
    expect(await addInvitee(db(), rasmus, clock, planId, { kind: 'staff', staffAccountId: karinId, name: '', organisation: '', email: '' })).toEqual({ ok: true });
    const twice = await addInvitee(db(), rasmus, clock, planId, { kind: 'staff', staffAccountId: karinId, name: '', organisation: '', email: '' });
    expect(twice.ok ? [] : twice.issues).toEqual([{ field: 'staffAccountId', code: 'alreadyInvited' }]);
    expect(await addInvitee(db(), rasmus, clock, planId, { kind: 'external', staffAccountId: '', name: 'Frida Handläggare', organisation: 'Försäkringskassan', email: 'frida@fk.example' })).toEqual({ ok: true });
    const { meeting, mails, queued } = await sendInvitations(db(), rasmus, clock, planId, invitationMails);
    expect(mails.map((m) => m.to)).toEqual(['frida@fk.example']);
    expect(queued).toBe(1);
    expect(await drainOutbox(db(), clock)).toMatchObject({ sent: 1 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to && !Array.isArray(mail!.to) ? mail!.to.text : '').toBe('frida@fk.example');
    expect(mail!.subject).toContain('SIP-DEMO-0001');
    expect(mail!.text).not.toContain('dåligt');
    expect(mail!.text).not.toContain('Hassan');
    // Whom to answer, and how: the coordinator by name (the mail's own address cannot be answered).
    expect(mail!.text).toContain('Svara samordnaren om du kommer eller inte: Rasmus Regionsson');
    expect(mail!.text).toContain('Var: Hos en verksamhet, Vuxenpsykiatrin, rum 3');
    const ics = mail!.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics).toBeDefined();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')) as unknown[]).getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(meeting.icsUid);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T09:30:00.000Z');
    expect(event.location).toBe('Vuxenpsykiatrin, rum 3');
    // Karin, invited, sees the invitation in her inbox and answers; her unit now takes part.
    const k = await staff('demo-staff-kommun');
    const [invitation] = (await inbox(db(), k, clock)).invitations;
    expect(invitation?.reference).toBe('SIP-DEMO-0001');
    expect(await answerInvitation(db(), k, clock, invitation!.id, { answer: 'notComing', substitute: 'Kalle Ersättare' })).toEqual({ ok: true });
    const o = await planOverview(db(), rasmus, clock, planId);
    expect(o.invitations.find((i) => i.kind === 'staff')).toMatchObject({ answer: 'notComing', substitute: 'Kalle Ersättare' });
  });

  it('a meeting in the person’s home is not given away to anyone invited from outside the portal', async () => {
    const rasmus = await staff('demo-staff-region');
    expect((await saveMeeting(db(), rasmus, clock, planId, { date: '2026-12-01', startTime: '09:00', endTime: '10:30', placeKind: 'home', location: 'Storgatan 5, Exempelby' })).ok).toBe(true);
    const { queued } = await sendInvitations(db(), rasmus, clock, planId, invitationMails);
    expect(queued).toBe(1);
    await drainOutbox(db(), clock);
    const mail = (await smtp.waitFor(2))[1]!;
    expect(mail.subject).toContain('Ändrad tid eller plats');
    expect(mail.text).not.toContain('Storgatan');
    expect(mail.text).not.toMatch(/hemma/i);
    expect(mail.text).toContain('Samordnaren berättar var mötet hålls');
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content.toString('utf8');
    expect(ics).not.toContain('Storgatan');
    // Back at the unit for the rest of the journey.
    expect((await saveMeeting(db(), rasmus, clock, planId, { date: '2026-12-01', startTime: '09:00', endTime: '10:30', placeKind: 'service', location: 'Vuxenpsykiatrin, rum 3' })).ok).toBe(true);
  });

  it('a plan cannot be offered before it is complete; what was typed is kept', async () => {
    const rasmus = await staff('demo-staff-region');
    const e = await editor(db(), rasmus, later, planId);
    // Participants come from the invitations: the person, Karin (not coming), Frida.
    expect(e.content.participants.map((p) => [p.name, p.present])).toEqual([['Hassan Exempel', true], ['Karin Kommunsson', false], ['Frida Handläggare', true]]);
    const draft = { ...e.content, needs: [{ id: 'n', text: 'Ett behov' }] };
    // The plan is made at the meeting: not offered before the first meeting is held (issue 19).
    expect(await offerPlan(db(), rasmus, later, planId, await fullPlan(planId, rasmus), e.revision)).toMatchObject({ ok: false, refusal: 'meetingNotHeld' });
    const [first] = (await planOverview(db(), rasmus, later, planId)).heldable;
    expect(first?.kind).toBe('initial');
    await markHeld(db(), rasmus, later, planId, first!.id);
    const again = await editor(db(), rasmus, later, planId);
    const refused = await offerPlan(db(), rasmus, later, planId, draft, again.revision);
    expect(refused).toMatchObject({ ok: false, refusal: 'incomplete', missing: ['goals', 'actions', 'principalAction', 'leadPrincipal', 'followUpDate'] });
    expect((await editor(db(), rasmus, later, planId)).content.needs).toEqual([{ id: 'n', text: 'Ett behov' }]);
  });

  it('a concurrent edit is detected, never silently overwritten', async () => {
    const rasmus = await staff('demo-staff-region');
    const karin = await staff('demo-staff-kommun');
    const a = await editor(db(), rasmus, later, planId);
    const b = await editor(db(), karin, later, planId);
    expect((await saveDraft(db(), rasmus, later, planId, { ...a.content, otherMatters: 'Rasmus skrev' }, a.revision)).ok).toBe(true);
    const conflict = await saveDraft(db(), karin, later, planId, { ...b.content, otherMatters: 'Karin skrev' }, b.revision);
    expect(conflict).toMatchObject({ ok: false, conflict: { by: 'Rasmus Regionsson' } });
    expect((await editor(db(), rasmus, later, planId)).content.otherMatters).toBe('Rasmus skrev');
  });

  it('bad input is refused with reasons and nothing half-saved in the version table', async () => {
    const rasmus = await staff('demo-staff-region');
    const e = await editor(db(), rasmus, later, planId);
    const content = await fullPlan(planId, rasmus);
    content.actions.push({ id: 'a2', what: 'Utan ansvarig', goalId: '', responsibleKind: '', unitId: '', actorName: '', when: 'Snart', followUpDate: '2026-12-01' });
    const outcome = await offerPlan(db(), rasmus, later, planId, content, e.revision);
    expect(outcome.ok ? [] : 'issues' in outcome ? outcome.issues.map((i) => `${i.field}:${i.code}`) : []).toEqual(['actions.1.responsibleKind:required', 'actions.1.followUpDate:beforeMeeting']);
    expect(await db().selectFrom('plan_version').select('version').where('plan_id', '=', planId).execute()).toEqual([]);
  });

  it('offered, the person reads it, asks for a change, then accepts the new version; versions stay readable', async () => {
    const rasmus = await staff('demo-staff-region');
    const hassan = await person('demo-hassan');
    let e = await editor(db(), rasmus, later, planId);
    const v1 = await offerPlan(db(), rasmus, later, planId, await fullPlan(planId, rasmus), e.revision);
    expect(v1).toMatchObject({ ok: true, version: 1 });
    expect((await myPlans(db(), hassan)).map((p) => p.offeredVersion)).toEqual([1]);
    const mine = await myPlan(db(), hassan, later, planId);
    expect(mine.awaitingMe && mine.mayDecide).toBe(true);
    expect(mine.content?.goals[0]?.text).toBe('En person att ringa till');
    const empty = await requestPlanChanges(db(), hassan, later, planId, 1, '');
    expect(empty.ok ? [] : empty.issues).toEqual([{ field: 'comment', code: 'required' }]);
    expect(await requestPlanChanges(db(), hassan, later, planId, 1, 'Jag vill ha samtal på eftermiddagen.')).toEqual({ ok: true });
    // Unchanged content is not offered again.
    e = await editor(db(), rasmus, later, planId);
    expect(await offerPlan(db(), rasmus, later, planId, e.content, e.revision)).toMatchObject({ ok: false, refusal: 'unchanged' });
    e = await editor(db(), rasmus, later, planId);
    const changed = { ...e.content, actions: e.content.actions.map((a) => ({ ...a, when: 'Varje vecka, eftermiddag' })) };
    expect(await offerPlan(db(), rasmus, later, planId, changed, e.revision)).toMatchObject({ ok: true, version: 2 });
    // Version 1 can no longer be accepted; version 2 can.
    expect(await acceptPlan(db(), hassan, later, planId, 1)).toEqual({ ok: false, issues: [{ field: 'decision', code: 'noLongerOffered' }] });
    expect(await acceptPlan(db(), hassan, later, planId, 2)).toEqual({ ok: true });
    const active = await myPlan(db(), hassan, later, planId);
    expect(active.plan.status).toBe('active');
    expect(active.versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await myPlan(db(), hassan, later, planId, 1)).content?.actions[0]?.when).toBe('Från december');
    expect((await staffVersion(db(), rasmus, later, planId, 1)).version.changeRequest).toBe('Jag vill ha samtal på eftermiddagen.');
    // Units responsible for actions take part and see it; others do not.
    const sofia = await staff('demo-staff-skogsby');
    await expect(planOverview(db(), sofia, later, planId)).rejects.toBeInstanceOf(AccessDenied);
    await expect(myPlan(db(), await person('demo-anna'), later, planId)).rejects.toBeInstanceOf(AccessDenied);
  });

  it('a version or revision no integer column holds (a changed hidden field) is refused as stale, never a database error', async () => {
    const rasmus = await staff('demo-staff-region');
    const hassan = await person('demo-hassan');
    const e = await editor(db(), rasmus, later, planId);
    for (const bad of [Number.NaN, 1.5, 99_999_999_999, Infinity, -2_147_483_649]) {
      expect(await acceptPlan(db(), hassan, later, planId, bad), `accept ${bad}`).toEqual({ ok: false, issues: [{ field: 'decision', code: 'noLongerOffered' }] });
      expect(await requestPlanChanges(db(), hassan, later, planId, bad, 'Något'), `changes ${bad}`).toEqual({ ok: false, issues: [{ field: 'decision', code: 'noLongerOffered' }] });
      expect(await saveDraft(db(), rasmus, later, planId, e.content, bad), `save ${bad}`).toMatchObject({ ok: false, conflict: { revision: e.revision } });
    }
    expect((await editor(db(), rasmus, later, planId)).revision).toBe(e.revision);
  });

  it('a SIP started by staff with consent recorded opens a plan; one asking for consent waits for the person', async () => {
    const karin = await staff('demo-staff-kommun');
    const kommun = await principalId('Exempelby kommun');
    const bad = await startFromStaff(db(), karin, clock, { personalIdentityNumber: '20140310-2640', givenName: '', familyName: 'X', email: 'nej', noProtectedIdentity: false, noticedAt: '', consent: 'recorded', obtainedHow: '', principalId: 'x' });
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.field}:${i.code}`)).toEqual(expect.arrayContaining(['givenName:required', 'email:invalidEmail', 'noProtectedIdentity:required', 'principalId:required', 'obtainedHow:required']));
    const anna = DEMO_CITIZENS.find((c) => c.sub === 'demo-anna')!.personalIdentityNumber;
    const recorded = await startFromStaff(db(), karin, clock, { personalIdentityNumber: anna, givenName: 'Anna', familyName: 'Exempelsson', email: '', noProtectedIdentity: true, noticedAt: 'Vid utskrivning från avdelning 12.', consent: 'recorded', obtainedHow: 'orally', principalId: kommun });
    expect(recorded.ok && recorded.planId).toBeTruthy();
    const consent = await db().selectFrom('consent').select(['obtained_how', 'recorded_by_staff_account_id']).where('text_version', '=', 'staff-recorded-2026-11').executeTakeFirstOrThrow();
    expect(consent.obtained_how).toBe('orally');
    const lina = DEMO_CITIZENS.find((c) => c.sub === 'demo-ivar')!.personalIdentityNumber;
    const asked = await startFromStaff(db(), karin, clock, { personalIdentityNumber: lina, givenName: 'Ivar', familyName: 'Ivarsson', email: '', noProtectedIdentity: true, noticedAt: 'Behov sågs på vårdcentralen.', consent: 'askOnline', obtainedHow: '', principalId: kommun });
    expect(asked.ok && !('planId' in asked && asked.planId)).toBe(true);
    const status = await db().selectFrom('sip_request').select('status').where('submitted_as', '=', 'staff').orderBy('created_at').execute();
    expect(status.map((s) => s.status).sort()).toEqual(['awaitingConsent', 'received']);
  });

  it('a local plan (L-SIP) in Skogsby: 21 days to the first meeting, only the municipality’s units', async () => {
    const sofia = await staff('demo-staff-skogsby');
    const { planId: local } = await takeRequest(db(), sofia, clock, await requestId('SIP-DEMO-0002'));
    expect((await planOverview(db(), sofia, clock, local)).scopes).toEqual(['regional', 'local']);
    expect(await recordFirstContact(db(), sofia, clock, local, { contactDate: '2026-11-23', note: 'Pratade med Lina.', decision: 'goAhead', scope: 'local', declineReason: '' })).toEqual({ ok: true, declined: false });
    const o = await planOverview(db(), sofia, clock, local);
    expect(o.plan.scope).toBe('local');
    expect(o.firstMeeting.dueDate).toBe('2026-12-13');
    const e = await editor(db(), sofia, clock, local);
    expect(new Set(e.options.principals.map((p) => p.name))).toEqual(new Set(['Skogsby kommun']));
    expect(e.options.units.map((u) => u.name).sort()).toEqual(['Arbetsmarknadsenheten', 'Individ- och familjeomsorg', 'Äldreomsorg']);
    // The regional plan of Exempellän may not be local: its agreement has no L-SIP.
    expect((await planOverview(db(), await staff('demo-staff-region'), clock, planId)).scopes).toEqual(['regional']);
  });

  it('withdrawing consent closes the plan and tells the coordinator', async () => {
    const hassan = await person('demo-hassan');
    const before = smtp.messages.length;
    await db().updateTable('staff_account').set({ email: 'rasmus@region.example' }).where('name', '=', 'Rasmus Regionsson').execute();
    const [consent] = await myConsents(db(), hassan);
    expect(await withdrawConsent(db(), hassan, later, consent!.id, true, consentWithdrawnMail)).toEqual({ ok: true });
    await drainOutbox(db(), later);
    expect((await myPlan(db(), hassan, later, planId)).plan).toMatchObject({ status: 'closed', closedReason: 'consentWithdrawn' });
    const rasmus = await staff('demo-staff-region');
    expect((await inbox(db(), rasmus, later)).withdrawn.map((p) => p.reference)).toEqual(['SIP-DEMO-0001']);
    const mails = await smtp.waitFor(before + 1);
    expect(mails.at(-1)!.subject).toContain('SIP-DEMO-0001');
    await expect(editor(db(), rasmus, later, planId)).rejects.toBeInstanceOf(AccessDenied);
  });
});

