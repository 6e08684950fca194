import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// People, staff accounts and their memberships, sessions, and the append-only audit log.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Canonical 12 digits; stored once, never in a URL, a log line or audit text.
    .addColumn('personal_identity_number', 'text', (c) => c.notNull().unique())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('staff_account')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('hsa_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('title', 'text')
    .addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('can_coordinate', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('works_with', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('unit_membership')
    .addColumn('staff_account_id', 'uuid', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('member', 'deviationHandler')`))
    .addPrimaryKeyConstraint('unit_membership_pk', ['staff_account_id', 'unit_id', 'role'])
    .execute();
  await db.schema.createIndex('unit_membership_unit_idx').on('unit_membership').column('unit_id').execute();

  await db.schema
    .createTable('principal_manager')
    .addColumn('staff_account_id', 'uuid', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
    .addColumn('principal_id', 'uuid', (c) => c.notNull().references('principal.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('principal_manager_pk', ['staff_account_id', 'principal_id'])
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'bytea', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.references('person.id').onDelete('cascade'))
    .addColumn('staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('session_one_owner', sql`num_nonnulls(person_id, staff_account_id) = 1`)
    .execute();
  await db.schema.createIndex('session_last_seen_idx').on('session').column('last_seen_at').execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('person', 'staff', 'system')`))
    .addColumn('actor_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_person_id', 'uuid')
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('context', 'text')
    .execute();
  await db.schema
    .createIndex('audit_event_subject_idx')
    .on('audit_event')
    .columns(['subject_person_id', 'occurred_at'])
    .execute();

  // Append-only, whoever asks: no code path may change or remove an audit row. (README: on PostgreSQL
  // the application role should also lack UPDATE/DELETE; the trigger holds even for the table owner.)
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_append_only()`.execute(db);
  await sql`
    create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_event').execute();
  await sql`drop function audit_event_append_only()`.execute(db);
  await db.schema.dropTable('session').execute();
  await db.schema.dropTable('principal_manager').execute();
  await db.schema.dropTable('unit_membership').execute();
  await db.schema.dropTable('staff_account').execute();
  await db.schema.dropTable('person').execute();
}
