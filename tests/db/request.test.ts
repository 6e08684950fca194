import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_CITIZENS } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { GuardianshipUnavailable } from '../../src/features/access/guardianship-http.ts';
import { upsertPerson } from '../../src/features/access/account.repository.ts';
import type { Actor } from '../../src/features/access/access.domain.ts';
import { saveDraft, sendRequest, loadDraft } from '../../src/features/request/request.service.ts';
import { answerConsent, myConsents, withdrawConsent } from '../../src/features/request/consent.service.ts';
import { myOverview, requestDetail } from '../../src/features/request/my-requests.service.ts';
import { CONSENT_TEXT_VERSION, type RequestDraft } from '../../src/features/request/request.domain.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
const clock = fixedClock('2026-11-23T10:00:00Z');
const citizen = (sub: string) => DEMO_CITIZENS.find((c) => c.sub === sub)!;

async function actorOf(sub: string): Promise<Actor> {
  const c = citizen(sub);
  const p = c.personalIdentityNumber;
  const personId = await upsertPerson(database.db, { personalIdentityNumber: p, givenName: c.givenName, familyName: c.familyName, birthDate: `${p.slice(0, 4)}-${p.slice(4, 6)}-${p.slice(6, 8)}` });
  return (await loadActor(database.db, { id: 's', owner: { kind: 'person', personId }, expiresAt: new Date() }, clock, demoRegisterGuardianships(database.db))).actor;
}

async function completeDraft(actor: Actor, who: Partial<RequestDraft>): Promise<void> {
  const principals = await database.db.selectFrom('principal').select('id').where('name', '=', 'Exempelby kommun').execute();
  await saveDraft(database.db, actor, clock, {
    ...who,
    contacts: [],
    situation: { experience: 'e', needs: 'n', wishes: 'w', childView: '' },
    principals: { principalIds: principals.map((p) => p.id), dontKnow: false },
    coordinator: { choice: 'none', staffAccountId: '', name: '' },
    meeting: { place: 'home', placeOther: '', participation: 'yes', spokesperson: '', relatives: '', interpreterLanguage: '', aids: '' },
    ...(who.submittedAs === 'relative' ? {} : { consent: { agreed: true, textVersion: CONSENT_TEXT_VERSION } }),
  });
}

const rows = async (table: 'sip_request' | 'consent') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
/** Rows added by this file's tests (the demo data holds requests of its own). */
const seeded = { sip_request: 0, consent: 0 };
const count = async (table: 'sip_request' | 'consent') => (await rows(table)) - seeded[table];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  seeded.sip_request = await rows('sip_request');
  seeded.consent = await rows('consent');
});
afterAll(async () => {
  await database?.close();
});

describe(`the request draft on ${engine}`, () => {
  it('merges each step into the draft, clears a key set to undefined, and keeps both of two saves at once', async () => {
    const gustav = await actorOf('demo-gustav');
    const principals = { principalIds: ['p1'], dontKnow: false };
    const coordinator = { choice: 'none' as const, staffAccountId: '', name: '' };
    expect(await saveDraft(database.db, gustav, clock, { submittedAs: 'self', principals, coordinator })).toEqual({ submittedAs: 'self', principals, coordinator });
    // The principals changed: the coordinator is asked again.
    const changed = { principalIds: ['p2'], dontKnow: false };
    expect(await saveDraft(database.db, gustav, clock, { principals: changed, coordinator: undefined })).toEqual({ submittedAs: 'self', principals: changed });
    // Two tabs: each save keeps what the other wrote.
    await Promise.all([saveDraft(database.db, gustav, clock, { contacts: [] }), saveDraft(database.db, gustav, clock, { situation: { experience: 'e', needs: 'n', wishes: 'w', childView: '' } })]);
    expect(Object.keys(await loadDraft(database.db, gustav)).sort()).toEqual(['contacts', 'principals', 'situation', 'submittedAs']);
  });
});

describe(`sending a SIP request on ${engine}`, () => {
  it('stores one request for one form even when it is sent twice, with the consent and an audit event', async () => {
    const anna = await actorOf('demo-anna');
    await completeDraft(anna, { submittedAs: 'self' });
    const first = await sendRequest(database.db, anna, clock, demoRegisterGuardianships(database.db), 'key-1');
    const second = await sendRequest(database.db, anna, clock, demoRegisterGuardianships(database.db), 'key-1');
    expect(first.ok && second.ok && first.requestId === second.requestId).toBe(true);
    expect(await count('sip_request')).toBe(1);
    expect(await count('consent')).toBe(1);
    expect(await loadDraft(database.db, anna)).toEqual({});
    const audit = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'request.create').execute();
    expect(audit).toHaveLength(1);
  });

  it('an incomplete draft is refused and nothing is stored', async () => {
    const anna = await actorOf('demo-anna');
    await saveDraft(database.db, anna, clock, { submittedAs: 'self' });
    expect(await sendRequest(database.db, anna, clock, demoRegisterGuardianships(database.db), 'key-2')).toEqual({ ok: false, issues: [{ field: 'check', code: 'incomplete' }] });
    expect(await count('sip_request')).toBe(1);
  });

  it('a request for a child someone is not guardian of is refused, nothing stored', async () => {
    const bengt = await actorOf('demo-bengt');
    const elin = await actorOf('demo-elin');
    await completeDraft(bengt, { submittedAs: 'guardian', subjectPersonId: elin.kind === 'person' ? elin.personId : '' });
    expect(await sendRequest(database.db, bengt, clock, demoRegisterGuardianships(database.db), 'key-3')).toEqual({ ok: false, issues: [{ field: 'check', code: 'noRight' }] });
    expect(await count('sip_request')).toBe(1);
  });

  it('a guardian’s request waits, with a message, when the register does not answer: nothing is stored', async () => {
    const cecilia = await actorOf('demo-cecilia');
    const child = cecilia.kind === 'person' ? [...cecilia.guardianOf][0]! : '';
    await completeDraft(cecilia, { submittedAs: 'guardian', subjectPersonId: child });
    const before = await count('sip_request');
    const down = { childrenOf: () => Promise.reject(new GuardianshipUnavailable('timeout')), guardiansOf: () => Promise.reject(new GuardianshipUnavailable('timeout')) };
    expect(await sendRequest(database.db, cecilia, clock, down, 'key-register-down')).toEqual({ ok: false, issues: [{ field: 'check', code: 'registerUnavailable' }] });
    expect(await count('sip_request')).toBe(before);
  });

  it('a relative’s request waits for the person, who can decline it; the relative sees only its status', async () => {
    const bengt = await actorOf('demo-bengt');
    const anna = citizen('demo-anna');
    await completeDraft(bengt, { submittedAs: 'relative', relative: { givenName: 'Anna', familyName: 'Exempelsson', personalIdentityNumber: anna.personalIdentityNumber, birthDate: '1981-12-18' } });
    const sent = await sendRequest(database.db, bengt, clock, demoRegisterGuardianships(database.db), 'key-4');
    if (!sent.ok) throw new Error('not sent');
    expect(sent.status).toBe('awaitingConsent');
    const bengtView = await requestDetail(database.db, bengt, clock, sent.requestId);
    expect(bengtView?.visibility).toBe('status');
    expect(bengtView?.answers).toEqual({});
    const annaActor = await actorOf('demo-anna');
    expect((await myOverview(database.db, annaActor)).tasks.map((t) => t.role)).toEqual(['subject']);
    expect(await answerConsent(database.db, annaActor, clock, sent.requestId, { decision: 'decline', agreed: false })).toEqual({ ok: true, status: 'closed' });
    expect((await myOverview(database.db, annaActor)).tasks).toEqual([]);
  });

  it('withdrawing consent closes every open request of the person', async () => {
    const anna = await actorOf('demo-anna');
    const [consent] = await myConsents(database.db, anna);
    expect(await withdrawConsent(database.db, anna, clock, consent!.id, false)).toEqual({ ok: false, issues: [{ field: 'confirm', code: 'required' }] });
    await withdrawConsent(database.db, anna, clock, consent!.id, true);
    const rows = await database.db.selectFrom('sip_request').select(['status', 'closed_reason']).where('idempotency_key', '=', 'key-1').execute();
    expect(rows).toEqual([{ status: 'closed', closed_reason: 'consentWithdrawn' }]);
    expect((await myConsents(database.db, anna)).every((c) => c.withdrawnAt !== null)).toBe(true);
  });

  it('a relative who types someone’s personnummer is shown only the name they typed, and the person is told who asked', async () => {
    const bengt = await actorOf('demo-bengt');
    const anna = citizen('demo-anna');
    // The attacker's guess: a made-up name with a real personnummer.
    await completeDraft(bengt, { submittedAs: 'relative', relative: { givenName: 'Xena', familyName: 'Påhittad', personalIdentityNumber: anna.personalIdentityNumber, birthDate: '1981-12-18' } });
    const sent = await sendRequest(database.db, bengt, clock, demoRegisterGuardianships(database.db), 'key-typed-name');
    if (!sent.ok) throw new Error('not sent');
    const detail = await requestDetail(database.db, bengt, clock, sent.requestId);
    const overview = await myOverview(database.db, bengt);
    expect(detail?.request.subjectName).toBe('Xena Påhittad');
    expect(detail?.requirements.map((r) => r.name)).toEqual(['Xena Påhittad']);
    const row = overview.requests.find((r) => r.id === sent.requestId);
    expect(row?.subjectName).toBe('Xena Påhittad');
    // Nowhere in what the relative's pages get about this request is the register's name.
    expect(JSON.stringify([detail, row])).not.toContain('Anna');
    const annaActor = await actorOf('demo-anna');
    const task = (await myOverview(database.db, annaActor)).tasks.find((t) => t.requestId === sent.requestId);
    expect(task).toMatchObject({ role: 'subject', requesterName: 'Bengt Exempelsson' });
    const annaView = await requestDetail(database.db, annaActor, clock, sent.requestId);
    expect(annaView).toMatchObject({ myPendingRole: 'subject', request: { subjectName: 'Anna Exempelsson', requesterName: 'Bengt Exempelsson' } });
  });

  it('another person posting someone’s idempotency key gets a request of their own, never that person’s id', async () => {
    const annas = await database.db.selectFrom('sip_request').select('id').where('idempotency_key', '=', 'key-1').executeTakeFirstOrThrow();
    const before = await count('sip_request');
    const gustav = await actorOf('demo-gustav');
    await completeDraft(gustav, { submittedAs: 'self' });
    const sent = await sendRequest(database.db, gustav, clock, demoRegisterGuardianships(database.db), 'key-1');
    if (!sent.ok) throw new Error('not sent');
    expect(sent.requestId).not.toBe(annas.id);
    expect(await count('sip_request')).toBe(before + 1);
    expect(await requestDetail(database.db, gustav, clock, sent.requestId)).toBeDefined();
    // Sent twice by Gustav, the key still finds his own request.
    const again = await sendRequest(database.db, gustav, clock, demoRegisterGuardianships(database.db), 'key-1');
    expect(again.ok && again.requestId).toBe(sent.requestId);
    expect(await count('sip_request')).toBe(before + 1);
  });
});
