import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The citizen side: legal representatives (registered by staff), shares with relatives (delegate),
// server-side drafts of forms, SIP requests with the principals they go to, consents and the
// consents a request still waits for.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legal_representation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('representative_person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('represented_person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('godMan', 'forvaltare')`))
    .addColumn('registered_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await sql`create unique index legal_representation_active_idx on legal_representation (representative_person_id, represented_person_id) where ended_at is null`.execute(db);

  await db.schema
    .createTable('delegation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('delegate_person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('granted_by_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by_person_id', 'uuid', (c) => c.references('person.id'))
    .addCheckConstraint('delegation_not_self', sql`person_id <> delegate_person_id`)
    .execute();
  await sql`create unique index delegation_active_idx on delegation (person_id, delegate_person_id) where revoked_at is null`.execute(db);
  await db.schema.createIndex('delegation_delegate_idx').on('delegation').column('delegate_person_id').execute();

  // A form in progress, kept while the person is logged in and after a timed-out session.
  await db.schema
    .createTable('form_draft')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_draft_pk', ['person_id', 'form'])
    .execute();

  await db.schema
    .createTable('sip_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Shown to the person and used on the phone; never the personnummer.
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('subject_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('submitted_by_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('submitted_as', 'text', (c) => c.notNull().check(sql`submitted_as in ('self', 'guardian', 'representative', 'relative')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('awaitingConsent', 'sent', 'received', 'closed')`))
    // What the person wrote (contacts, situation, wishes for the meeting), as validated on sending.
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('preferred_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('receipt_email', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('received_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_reason', 'text', (c) => c.check(sql`closed_reason in ('consentWithdrawn', 'declined', 'planCreated', 'other')`))
    .execute();
  await db.schema.createIndex('sip_request_subject_idx').on('sip_request').column('subject_person_id').execute();
  await db.schema.createIndex('sip_request_submitter_idx').on('sip_request').column('submitted_by_person_id').execute();

  await db.schema
    .createTable('sip_request_principal')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('sip_request.id').onDelete('cascade'))
    .addColumn('principal_id', 'uuid', (c) => c.notNull().references('principal.id'))
    .addPrimaryKeyConstraint('sip_request_principal_pk', ['request_id', 'principal_id'])
    .execute();
  await db.schema.createIndex('sip_request_principal_idx').on('sip_request_principal').column('principal_id').execute();

  await db.schema
    .createTable('consent')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('subject_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('given_by_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('given_as', 'text', (c) => c.notNull().check(sql`given_as in ('self', 'guardian', 'representative')`))
    .addColumn('request_id', 'uuid', (c) => c.references('sip_request.id'))
    // The principals named in the statement, as the person saw them (id and name at the time).
    .addColumn('scope', 'jsonb', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('given_at', 'timestamptz', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_by_person_id', 'uuid', (c) => c.references('person.id'))
    .execute();
  await db.schema.createIndex('consent_subject_idx').on('consent').column('subject_person_id').execute();

  // Who must still consent before a request goes on: the person (asked by a relative), a child of 15
  // or more, every registered guardian.
  await db.schema
    .createTable('consent_requirement')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('sip_request.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('subject', 'guardian', 'representative')`))
    .addColumn('consent_id', 'uuid', (c) => c.references('consent.id'))
    .addPrimaryKeyConstraint('consent_requirement_pk', ['request_id', 'person_id'])
    .execute();
  await db.schema.createIndex('consent_requirement_person_idx').on('consent_requirement').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_requirement').execute();
  await db.schema.dropTable('consent').execute();
  await db.schema.dropTable('sip_request_principal').execute();
  await db.schema.dropTable('sip_request').execute();
  await db.schema.dropTable('form_draft').execute();
  await db.schema.dropTable('delegation').execute();
  await db.schema.dropTable('legal_representation').execute();
}
