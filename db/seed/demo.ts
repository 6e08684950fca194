/**
 * Demo data: invented organisations only ("Exempelby kommun", "Region Exempel", …). Idempotent:
 * running it again changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Database, PrincipalKind } from '../schema.ts';
import { DEMO_CITIZENS, DEMO_GUARDIANSHIPS, DEMO_REPRESENTATIONS, DEMO_STAFF } from './demo-identities.ts';

interface DemoPrincipal {
  name: string;
  kind: PrincipalKind;
  units: string[];
}

export const DEMO_PRINCIPALS: readonly DemoPrincipal[] = [
  { name: 'Exempelby kommun', kind: 'municipality', units: ['Socialtjänst vuxen', 'Hemtjänst', 'LSS-handläggning'] },
  { name: 'Region Exempel', kind: 'region', units: ['Vuxenpsykiatri', 'Vårdcentralen Exempelby', 'Barn- och ungdomspsykiatri'] },
  { name: 'Exempelby skolförvaltning', kind: 'school', units: ['Elevhälsan'] },
  { name: 'Skogsby kommun', kind: 'municipality', units: ['Individ- och familjeomsorg', 'Äldreomsorg', 'Arbetsmarknadsenheten'] },
];

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
      await trx.insertInto('unit_membership').values({ staff_account_id: id, unit_id: unit.id, role: 'member' }).onConflict((oc) => oc.doNothing()).execute();
    }
    if (a.manager) {
      const p = await trx.selectFrom('principal').select('id').where('name', '=', a.manager).executeTakeFirstOrThrow();
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

/** Inserts the demo principals, units and staff accounts that are not there yet. */
export async function seedDemo(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const p of DEMO_PRINCIPALS) {
      await trx.insertInto('principal').values({ name: p.name, kind: p.kind }).onConflict((oc) => oc.column('name').doNothing()).execute();
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
