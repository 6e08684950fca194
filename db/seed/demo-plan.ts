/**
 * One plan already in force for the demo: Olle Uppföljare (SIP-DEMO-0003, Region Exempel and Exempelby
 * kommun, coordinator Rasmus) with goals, and a follow-up meeting that started today at 00:00 — so staff
 * can record a follow-up at once, Olle can then answer SIP-kollen and report a deviation, and the plan can
 * be revised and closed. Dates follow the day the demo is loaded. Loaded once (by reference).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { addDays, swedishDate } from '../../src/features/plan/deadline.domain.ts';

const REFERENCE = 'SIP-DEMO-0003';

const stockholmMidnight = (date: string) => {
  // 00:00 in Sweden (CET/CEST): try both offsets, keep the one that lands on the date.
  const winter = new Date(`${date}T00:00:00+01:00`);
  return swedishDate(winter) === date && swedishDate(new Date(winter.getTime() - 1)) !== date ? winter : new Date(`${date}T00:00:00+02:00`);
};

export async function seedDemoPlan(trx: Kysely<Database>, personId: string): Promise<void> {
  if (await trx.selectFrom('plan').select('id').where('reference', '=', REFERENCE).executeTakeFirst()) return;
  const today = swedishDate(new Date());
  const start = new Date(Date.now() - 40 * 86_400_000);
  const held = new Date(Date.now() - 20 * 86_400_000);
  const staffOf = async (hsa: string) => (await trx.selectFrom('staff_account').select(['id', 'name']).where('hsa_id', '=', hsa).executeTakeFirstOrThrow());
  const rasmus = await staffOf('SE2321000000-DEMO2');
  const karin = await staffOf('SE2321000000-DEMO1');
  const units = await trx
    .selectFrom('unit')
    .innerJoin('principal', 'principal.id', 'unit.principal_id')
    .select(['unit.id', 'unit.name', 'principal.id as principalId', 'principal.name as principalName'])
    .where('unit.name', 'in', ['Vuxenpsykiatri', 'Socialtjänst vuxen'])
    .execute();
  const psych = units.find((u) => u.name === 'Vuxenpsykiatri')!;
  const social = units.find((u) => u.name === 'Socialtjänst vuxen')!;
  const { id: requestId } = await trx
    .insertInto('sip_request')
    .values({ reference: REFERENCE, subject_person_id: personId, submitted_by_person_id: personId, submitted_as: 'self', status: 'received', answers: JSON.stringify({}), idempotency_key: 'demo-request-0003', created_at: start, sent_at: start, received_at: start })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('sip_request_principal').values([{ request_id: requestId, principal_id: psych.principalId }, { request_id: requestId, principal_id: social.principalId }]).execute();
  const { id: consentId } = await trx
    .insertInto('consent')
    .values({ subject_person_id: personId, given_by_person_id: personId, given_as: 'self', request_id: requestId, scope: JSON.stringify({ principals: [{ id: psych.principalId, name: psych.principalName }, { id: social.principalId, name: social.principalName }] }), text_version: 'request-consent-2026-11', given_at: start })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('consent_requirement').values({ request_id: requestId, person_id: personId, role: 'subject', consent_id: consentId }).execute();
  const content = {
    participants: [
      { id: 'p1', name: 'Olle Uppföljare', represents: 'Personen', role: '', present: true },
      { id: 'p2', name: rasmus.name, represents: `${psych.name}, ${psych.principalName}`, role: 'chair', present: true },
      { id: 'p3', name: karin.name, represents: `${social.name}, ${social.principalName}`, role: 'secretary', present: true },
    ],
    currentSituation: 'Olle bor ensam och har svårt att komma i väg till sina tider.',
    personWishes: 'Jag vill bo kvar hemma och ha någon att ringa när det blir tungt.',
    needs: [{ id: 'n1', text: 'Stöd att komma till sina tider' }, { id: 'n2', text: 'En fast kontakt' }],
    goals: [
      { id: 'g1', text: 'Olle kommer till sina tider på mottagningen', subGoals: [{ id: 'g1s1', text: 'Påminnelse dagen före varje tid' }] },
      { id: 'g2', text: 'Olle har en fast kontakt att ringa', subGoals: [] },
    ],
    actions: [
      { id: 'a1', what: 'Sms-påminnelse dagen före', goalId: 'g1', responsibleKind: 'unit', unitId: psych.id, actorName: '', when: 'Från start', followUpDate: '' },
      { id: 'a2', what: 'Boendestöd två gånger i veckan', goalId: 'g2', responsibleKind: 'unit', unitId: social.id, actorName: '', when: 'Från start', followUpDate: '' },
    ],
    otherMatters: '',
    followUpDate: addDays(today, 7),
    followUpCalledBy: rasmus.id,
    coordinatorStaffAccountId: rasmus.id,
    leadPrincipalId: psych.principalId,
    contactPersons: `${rasmus.name} (samordnare), ${karin.name}`,
  };
  const { id: planId } = await trx
    .insertInto('plan')
    .values({
      reference: REFERENCE, subject_person_id: personId, request_id: requestId, scope: 'regional', status: 'active', clock_started_at: start, first_contact_days: 3, first_meeting_days: 30,
      first_contact_at: start, first_contact_note: 'Ringde Olle.', taken_by_staff_account_id: rasmus.id, coordinator_staff_account_id: rasmus.id, lead_principal_id: psych.principalId,
      draft: JSON.stringify(content), active_version: 1, first_meeting_held_at: held, created_at: start, follow_up_date: addDays(today, 7),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('plan_unit').values([{ plan_id: planId, unit_id: psych.id }, { plan_id: planId, unit_id: social.id }]).execute();
  await trx.insertInto('plan_principal').values([{ plan_id: planId, principal_id: psych.principalId }, { plan_id: planId, principal_id: social.principalId }]).execute();
  await trx.insertInto('plan_version').values({ plan_id: planId, version: 1, content: JSON.stringify(content), offered_at: held, offered_by_staff_account_id: rasmus.id, accepted_at: held, accepted_by_person_id: personId }).execute();
  const meeting = async (kind: 'initial' | 'followUp', startsAt: Date, status: 'held' | 'planned') =>
    (await trx
      .insertInto('meeting')
      .values({ plan_id: planId, kind, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3_600_000), place_kind: 'service', location: 'Vuxenpsykiatrin, rum 3', status, ics_uid: `${crypto.randomUUID()}@sip-portalen`, created_at: start, held_at: status === 'held' ? startsAt : null })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  await meeting('initial', held, 'held');
  const followUp = await meeting('followUp', stockholmMidnight(today), 'planned');
  await trx
    .insertInto('invitation')
    .values([
      { meeting_id: followUp, kind: 'person', person_id: personId, staff_account_id: null, name: 'Olle Uppföljare', organisation: null, email: null, sent_at: start, created_at: start },
      { meeting_id: followUp, kind: 'staff', person_id: null, staff_account_id: karin.id, name: karin.name, organisation: `${social.name}, ${social.principalName}`, email: null, sent_at: start, created_at: start },
    ])
    .execute();
}
