/**
 * Demo data: invented organisations only ("Exempelby kommun", "Region Exempel", …). Idempotent:
 * running it again changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Database, PrincipalKind } from '../schema.ts';
import { DEMO_CITIZENS, DEMO_GUARDIANSHIPS, DEMO_REPRESENTATIONS, DEMO_STAFF } from './demo-identities.ts';
import { seedDemoPlan } from './demo-plan.ts';
import { systemClock, type Clock } from '../../src/shared/time/clock.ts';

interface DemoPrincipal {
  name: string;
  kind: PrincipalKind;
  units: string[];
  agreement: string;
}

/**
 * Two invented county agreements with the seeds' rules as data: Exempellän like Halland (first meeting
 * within 30 days, schools take part as in Jönköping), Skogslän with local plans (L-SIP) as in Skövde
 * (first meeting within 21 days).
 */
export const DEMO_AGREEMENTS = [
  { name: 'Överenskommelse om SIP i Exempellän', first_contact_days: 3, first_meeting_days: 30, local_first_meeting_days: null, schools_are_principals: true, patient_info_languages: ['sv', 'lattlast', 'en', 'ar', 'fa', 'so', 'fi'] },
  { name: 'Överenskommelse om SIP i Skogslän', first_contact_days: 3, first_meeting_days: 30, local_first_meeting_days: 21, schools_are_principals: false, patient_info_languages: ['sv', 'lattlast', 'en', 'ar', 'so'] },
] as const;

export const DEMO_PRINCIPALS: readonly DemoPrincipal[] = [
  { name: 'Exempelby kommun', kind: 'municipality', units: ['Socialtjänst vuxen', 'Hemtjänst', 'LSS-handläggning'], agreement: DEMO_AGREEMENTS[0].name },
  { name: 'Region Exempel', kind: 'region', units: ['Vuxenpsykiatri', 'Vårdcentralen Exempelby', 'Barn- och ungdomspsykiatri'], agreement: DEMO_AGREEMENTS[0].name },
  { name: 'Exempelby skolförvaltning', kind: 'school', units: ['Elevhälsan'], agreement: DEMO_AGREEMENTS[0].name },
  { name: 'Skogsby kommun', kind: 'municipality', units: ['Individ- och familjeomsorg', 'Äldreomsorg', 'Arbetsmarknadsenheten'], agreement: DEMO_AGREEMENTS[1].name },
];

/** Requests that wait in the staff inboxes: one for a regional plan, one for a local plan (L-SIP). */
const DEMO_REQUESTS = [
  {
    key: 'demo-seed-hassan',
    reference: 'SIP-DEMO-0001',
    subject: 'demo-hassan',
    principals: ['Exempelby kommun', 'Region Exempel'],
    answers: {
      contacts: [
        { service: 'Vuxenpsykiatrin', name: 'Doktor Ek', reach: '010-000 00 00' },
        { service: 'Socialtjänsten, ekonomiskt bistånd', name: '', reach: '' },
      ],
      situation: {
        experience: 'Jag har många kontakter och får berätta samma sak om och om igen.',
        needs: 'Hjälp att få ordning på dagarna och stöd när jag mår dåligt.',
        wishes: 'Jag vill ha en person att ringa till.',
        childView: '',
      },
      coordinator: { choice: 'none', staffAccountId: '', name: '' },
      meeting: { place: 'service', placeOther: '', participation: 'yes', spokesperson: '', relatives: '', interpreterLanguage: 'arabiska', aids: '' },
    },
  },
  {
    key: 'demo-seed-lina',
    reference: 'SIP-DEMO-0002',
    subject: 'demo-lina',
    principals: ['Skogsby kommun'],
    answers: {
      contacts: [{ service: 'Arbetsmarknadsenheten', name: '', reach: '' }],
      situation: {
        experience: 'Socialtjänsten och arbetsmarknadsenheten ger mig olika besked.',
        needs: 'En plan för boende och arbete som alla följer.',
        wishes: 'Att alla pratar med varandra och med mig.',
        childView: '',
      },
      coordinator: { choice: 'none', staffAccountId: '', name: '' },
      meeting: { place: 'digital', placeOther: '', participation: 'yes', spokesperson: '', relatives: '', interpreterLanguage: '', aids: '' },
    },
  },
] as const;

/** Staff accounts "an admin created" for the demo staff identities (all but the one without an account). */
async function seedStaff(trx: Kysely<Database>): Promise<void> {
  for (const s of DEMO_STAFF) {
    if (!s.account) continue;
    const a = s.account;
    await trx
      .insertInto('staff_account')
      .values({ hsa_id: s.hsaId, name: `${s.givenName} ${s.familyName}`, title: a.title, is_admin: a.admin ?? false, can_coordinate: a.canCoordinate ?? false })
      .onConflict((oc) => oc.column('hsa_id').doNothing())
      .execute();
    const { id } = await trx.selectFrom('staff_account').select('id').where('hsa_id', '=', s.hsaId).executeTakeFirstOrThrow();
    if (a.principal && a.unit) {
      const unit = await trx
        .selectFrom('unit')
        .innerJoin('principal', 'principal.id', 'unit.principal_id')
        .select('unit.id')
        .where('principal.name', '=', a.principal)
        .where('unit.name', '=', a.unit)
        .executeTakeFirstOrThrow();
      await trx.insertInto('unit_membership').values({ staff_account_id: id, unit_id: unit.id, role: a.deviationHandler ? 'deviationHandler' : 'member' }).onConflict((oc) => oc.doNothing()).execute();
    }
    for (const name of typeof a.manager === 'string' ? [a.manager] : (a.manager ?? [])) {
      const p = await trx.selectFrom('principal').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      await trx.insertInto('principal_manager').values({ staff_account_id: id, principal_id: p.id }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}

/** A person row for a demo citizen (as a first login would create it); returns the id. */
async function demoPerson(trx: Kysely<Database>, sub: string): Promise<string> {
  const c = DEMO_CITIZENS.find((x) => x.sub === sub)!;
  const p = c.personalIdentityNumber;
  await trx
    .insertInto('person')
    .values({ personal_identity_number: p, given_name: c.givenName, family_name: c.familyName, birth_date: `${p.slice(0, 4)}-${p.slice(4, 6)}-${p.slice(6, 8)}` })
    .onConflict((oc) => oc.column('personal_identity_number').doNothing())
    .execute();
  return (await trx.selectFrom('person').select('id').where('personal_identity_number', '=', p).executeTakeFirstOrThrow()).id;
}

/** Legal representations as staff would have registered them. */
async function seedRepresentations(trx: Kysely<Database>): Promise<void> {
  for (const r of DEMO_REPRESENTATIONS) {
    const representative = await demoPerson(trx, r.representative);
    const represented = await demoPerson(trx, r.represented);
    const existing = await trx
      .selectFrom('legal_representation')
      .select('id')
      .where('representative_person_id', '=', representative)
      .where('represented_person_id', '=', represented)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (!existing) {
      await trx
        .insertInto('legal_representation')
        .values({ representative_person_id: representative, represented_person_id: represented, kind: r.kind, registered_at: new Date() })
        .execute();
    }
  }
}

/** Sent requests with the person's consent, as if they had used the request form yesterday. */
async function seedRequests(trx: Kysely<Database>, now: Date): Promise<void> {
  const yesterday = new Date(now.getTime() - 86_400_000);
  for (const r of DEMO_REQUESTS) {
    const taken = await trx.selectFrom('sip_request').select('id').where('idempotency_key', '=', r.key).executeTakeFirst();
    if (taken) continue;
    const subject = await demoPerson(trx, r.subject);
    const principals = await trx.selectFrom('principal').select(['id', 'name']).where('name', 'in', [...r.principals]).execute();
    const { id } = await trx
      .insertInto('sip_request')
      .values({
        reference: r.reference,
        subject_person_id: subject,
        submitted_by_person_id: subject,
        submitted_as: 'self',
        status: 'sent',
        answers: JSON.stringify({ ...r.answers, principals: { principalIds: principals.map((p) => p.id), dontKnow: false } }),
        idempotency_key: r.key,
        created_at: yesterday,
        sent_at: yesterday,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('sip_request_principal').values(principals.map((p) => ({ request_id: id, principal_id: p.id }))).execute();
    const consent = await trx
      .insertInto('consent')
      .values({
        subject_person_id: subject,
        given_by_person_id: subject,
        given_as: 'self',
        request_id: id,
        scope: JSON.stringify({ principals }),
        text_version: 'request-consent-2026-11',
        given_at: yesterday,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('consent_requirement').values({ request_id: id, person_id: subject, role: 'subject', consent_id: consent.id }).execute();
  }
}

/**
 * Inserts the demo data that is not there yet. `activePlan: false` leaves out the plan in force (SIP-DEMO-0003),
 * whose dates follow the real calendar — for tests that run on a fixed clock. `clock` dates the requests (sent
 * the day before its now); tests on a fixed clock pass theirs, so the deadlines do not move with the real date.
 */
export async function seedDemo(db: Kysely<Database>, options: { activePlan?: boolean; clock?: Clock } = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const a of DEMO_AGREEMENTS) {
      await trx
        .insertInto('agreement')
        .values({ ...a, patient_info_languages: JSON.stringify(a.patient_info_languages) })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    }
    for (const p of DEMO_PRINCIPALS) {
      const agreement = await trx.selectFrom('agreement').select('id').where('name', '=', p.agreement).executeTakeFirstOrThrow();
      await trx.insertInto('principal').values({ name: p.name, kind: p.kind, agreement_id: agreement.id }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const { id } = await trx.selectFrom('principal').select('id').where('name', '=', p.name).executeTakeFirstOrThrow();
      for (const unit of p.units) {
        await trx
          .insertInto('unit')
          .values({ principal_id: id, name: unit })
          .onConflict((oc) => oc.columns(['principal_id', 'name']).doNothing())
          .execute();
      }
    }
    await seedStaff(trx);
    await seedRepresentations(trx);
    await seedRequests(trx, (options.clock ?? systemClock).now());
    if (options.activePlan !== false) await seedDemoPlan(trx, await demoPerson(trx, 'demo-olle'));
    for (const g of DEMO_GUARDIANSHIPS) {
      const guardian = DEMO_CITIZENS.find((c) => c.sub === g.guardian)!;
      // The register knows every guardian by name; the demo keeps that as a person row.
      await demoPerson(trx, g.guardian);
      await trx
        .insertInto('demo_register_guardianship')
        .values({
          guardian_personal_identity_number: guardian.personalIdentityNumber,
          child_personal_identity_number: g.child.personalIdentityNumber,
          child_given_name: g.child.givenName,
          child_family_name: g.child.familyName,
          child_birth_date: g.child.birthDate,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
}
