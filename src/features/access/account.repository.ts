/** People and staff accounts as login sees them (all SQL for `person` and `staff_account` here). */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';

export interface PersonIdentity {
  personalIdentityNumber: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

/** Finds the person by personal identity number, creating or renaming them; returns the id. */
export async function upsertPerson(db: Kysely<Database>, p: PersonIdentity): Promise<string> {
  const row = await db
    .insertInto('person')
    .values({ personal_identity_number: p.personalIdentityNumber, given_name: p.givenName, family_name: p.familyName, birth_date: p.birthDate })
    .onConflict((oc) => oc.column('personal_identity_number').doUpdateSet({ given_name: p.givenName, family_name: p.familyName }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An active (not disabled) staff account by HSA-id. */
export async function findActiveStaffByHsaId(db: Kysely<Database>, hsaId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('staff_account').select('id').where('hsa_id', '=', hsaId).where('disabled_at', 'is', null).executeTakeFirst();
}

