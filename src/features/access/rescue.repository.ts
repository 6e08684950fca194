/** All SQL for forms kept across a session timeout (see rescue.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { SessionOwner } from './session.repository.ts';

export async function replaceKeptForm(db: Kysely<Database>, owner: SessionOwner, path: string, fields: [string, string][], at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteKept(trx, owner, path);
    await trx
      .insertInto('rescued_form')
      .values({
        person_id: owner.kind === 'person' ? owner.personId : null,
        staff_account_id: owner.kind === 'staff' ? owner.staffAccountId : null,
        path,
        fields: JSON.stringify(fields),
        created_at: at,
      })
      .execute();
  });
}

/** Deletes and returns what was kept for this owner and page. */
export async function deleteKept(db: Kysely<Database>, owner: SessionOwner, path: string): Promise<{ fields: unknown; createdAt: Date }[]> {
  const query = db.deleteFrom('rescued_form').where('path', '=', path);
  const mine = owner.kind === 'person' ? query.where('person_id', '=', owner.personId) : query.where('staff_account_id', '=', owner.staffAccountId);
  return mine.returning(['fields', 'created_at as createdAt']).execute();
}

export async function deleteKeptBefore(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('rescued_form').where('created_at', '<', before).execute();
}
