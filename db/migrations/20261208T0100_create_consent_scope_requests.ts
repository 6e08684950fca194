import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The consent scope (the principals a plan may involve) is read from the active consents of the plan's
// request on every plan access (consent_request_idx, from the retention migration, finds them). A coordinator who wants a principal
// outside the scope asks the person to widen their consent: one row per plan and principal asked for,
// answered yes (a new consent naming it, given by each person whose consent is needed) or no.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_scope_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('principal_id', 'uuid', (c) => c.notNull().references('principal.id'))
    .addColumn('asked_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id'))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'accepted', 'declined', 'cancelled')`))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by_person_id', 'uuid', (c) => c.references('person.id'))
    .execute();
  // One open question per plan and principal.
  await sql`create unique index consent_scope_request_open_idx on consent_scope_request (plan_id, principal_id) where status = 'open'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_scope_request').execute();
}
