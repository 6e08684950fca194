import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// What someone sent just after their session timed out, kept for them alone until they log in again
// (then put back into the form once, and deleted). Never longer than a session may last (12 hours).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rescued_form')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.references('person.id').onDelete('cascade'))
    .addColumn('staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('rescued_form_one_owner', sql`(person_id is null) <> (staff_account_id is null)`)
    .execute();
  await db.schema.createIndex('rescued_form_person_idx').on('rescued_form').columns(['person_id', 'path']).execute();
  await db.schema.createIndex('rescued_form_staff_idx').on('rescued_form').columns(['staff_account_id', 'path']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rescued_form').execute();
}
