/** All SQL for shares with relatives (`delegation`). */
import type { Kysely } from 'kysely';
import { personName } from '../../shared/server/sql.ts';
import type { Database } from '../../../db/schema.ts';
import type { ShareInput } from './sharing.domain.ts';

export interface ShareRow {
  id: string;
  delegatePersonId: string;
  delegateName: string;
  grantedAt: Date;
}

/** Active shares the person has given. */
export async function sharesOf(db: Kysely<Database>, personId: string): Promise<ShareRow[]> {
  return db
    .selectFrom('delegation as d')
    .innerJoin('person as p', 'p.id', 'd.delegate_person_id')
    .select(['d.id', 'd.delegate_person_id as delegatePersonId', personName('p').as('delegateName'), 'd.granted_at as grantedAt'])
    .where('d.person_id', '=', personId)
    .where('d.revoked_at', 'is', null)
    .orderBy('d.granted_at')
    .execute();
}

/** People who shared with this person (so the relative sees whose plans they can read). */
export async function sharedWithMe(db: Kysely<Database>, delegatePersonId: string): Promise<{ personId: string; name: string }[]> {
  return db
    .selectFrom('delegation as d')
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .select(['d.person_id as personId', personName('p').as('name')])
    .where('d.delegate_person_id', '=', delegatePersonId)
    .where('d.revoked_at', 'is', null)
    .orderBy('p.given_name')
    .execute();
}

export async function ownNumber(db: Kysely<Database>, personId: string): Promise<string> {
  return (await db.selectFrom('person').select('personal_identity_number').where('id', '=', personId).executeTakeFirstOrThrow()).personal_identity_number;
}

/** The relative's person row (created with the given name if they have never logged in). */
export async function delegatePerson(db: Kysely<Database>, s: ShareInput): Promise<string> {
  await db
    .insertInto('person')
    .values({ personal_identity_number: s.personalIdentityNumber, given_name: s.givenName, family_name: s.familyName, birth_date: s.birthDate })
    .onConflict((oc) => oc.column('personal_identity_number').doNothing())
    .execute();
  return (await db.selectFrom('person').select('id').where('personal_identity_number', '=', s.personalIdentityNumber).executeTakeFirstOrThrow()).id;
}

export async function activeShareExists(db: Kysely<Database>, personId: string, delegateId: string): Promise<boolean> {
  return !!(await db.selectFrom('delegation').select('id').where('person_id', '=', personId).where('delegate_person_id', '=', delegateId).where('revoked_at', 'is', null).executeTakeFirst());
}

export async function insertShare(db: Kysely<Database>, personId: string, delegateId: string, grantedBy: string, at: Date): Promise<string> {
  return (await db.insertInto('delegation').values({ person_id: personId, delegate_person_id: delegateId, granted_by_person_id: grantedBy, granted_at: at }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function revokeShare(db: Kysely<Database>, personId: string, shareId: string, by: string, at: Date): Promise<{ delegatePersonId: string } | undefined> {
  return db
    .updateTable('delegation')
    .set({ revoked_at: at, revoked_by_person_id: by })
    .where('id', '=', shareId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .returning('delegate_person_id as delegatePersonId')
    .executeTakeFirst();
}
