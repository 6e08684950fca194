/** The demo population register (all SQL for `demo_register_guardianship`). */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { underAge, type GuardianshipSource } from './guardianship.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

/** The demo and test implementation of the register seam: a table standing in for the register. */
export function demoRegisterGuardianships(db: Kysely<Database>): GuardianshipSource {
  return {
    async childrenOf(guardianPin, today) {
      return underAge(await children.rows(db, guardianPin), today);
    },
    async guardiansOf(childPin) {
      // The demo register holds only custody pairs; a guardian's name comes from their person row
      // when they have one (the demo seeds them), as the register would give it.
      const rows = await db
        .selectFrom('demo_register_guardianship as g')
        .innerJoin('person as p', 'p.personal_identity_number', 'g.guardian_personal_identity_number')
        .select([
          'p.personal_identity_number as personalIdentityNumber',
          'p.given_name as givenName',
          'p.family_name as familyName',
          sql<string>`to_char(p.birth_date, 'YYYY-MM-DD')`.as('birthDate'),
        ])
        .where('g.child_personal_identity_number', '=', childPin)
        .orderBy('p.family_name')
        .execute();
      return rows;
    },
  };
}

// Asked on every page a guardian opens: built and compiled once (prepared-query.ts).
const children = prepared((db: Kysely<Database>, guardianPin: string) =>
  db
    .selectFrom('demo_register_guardianship')
    .select([
      'child_personal_identity_number as personalIdentityNumber',
      'child_given_name as givenName',
      'child_family_name as familyName',
      // As text: a JavaScript Date would shift the day with the time zone.
      sql<string>`to_char(child_birth_date, 'YYYY-MM-DD')`.as('birthDate'),
    ])
    .where('guardian_personal_identity_number', '=', guardianPin)
    .orderBy('child_birth_date'),
);
