/** SQL for form drafts (`form_draft`): what a person has typed, kept on the server between steps. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export async function loadDraftData(db: Kysely<Database>, personId: string, form: string): Promise<unknown> {
  return (await draftQuery.first(db, personId, form))?.data;
}
const draftQuery = prepared((db: Kysely<Database>, personId: string, form: string) => db.selectFrom('form_draft').select('data').where('person_id', '=', personId).where('form', '=', form));

/**
 * Merges `patch` into the stored draft (its top-level keys replace the draft's; a key set to undefined
 * is removed) and returns the draft as saved. One statement: two tabs saving at once cannot lose each
 * other's answers, and no transaction or second read is needed.
 */
export async function mergeDraftData(db: Kysely<Database>, personId: string, form: string, patch: Record<string, unknown>, at: Date): Promise<unknown> {
  const removed = Object.keys(patch).filter((key) => patch[key] === undefined);
  return (await mergeDraftQuery.first(db, personId, form, JSON.stringify(patch), JSON.stringify(removed), at))?.data;
}
const mergeDraftQuery = prepared((db: Kysely<Database>, personId: string, form: string, patch: string, removed: string, at: Date) =>
  db
    .insertInto('form_draft')
    .values({ person_id: personId, form, data: patch, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['person_id', 'form']).doUpdateSet({
        data: sql<string>`(case when jsonb_typeof(form_draft.data) = 'object' then form_draft.data else '{}'::jsonb end - array(select jsonb_array_elements_text(${removed}::jsonb))) || excluded.data`,
        updated_at: at,
      }),
    )
    .returning('data'),
);

export async function deleteDraft(db: Kysely<Database>, personId: string, form: string): Promise<void> {
  await db.deleteFrom('form_draft').where('person_id', '=', personId).where('form', '=', form).execute();
}
