import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The staff side up to an agreed plan: county agreements with their deadline rules as data, staff-started
// requests and consents recorded by staff, the plan with its working draft (revision-checked) and its
// immutable versions, the units taking part, meetings and invitations.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agreement')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('first_contact_days', 'integer', (c) => c.notNull().check(sql`first_contact_days between 0 and 365`))
    .addColumn('first_meeting_days', 'integer', (c) => c.notNull().check(sql`first_meeting_days between 1 and 365`))
    // Days to the first meeting of a local plan (L-SIP); null when the agreement has none.
    .addColumn('local_first_meeting_days', 'integer', (c) => c.check(sql`local_first_meeting_days between 1 and 365`))
    .addColumn('schools_are_principals', 'boolean', (c) => c.notNull().defaultTo(false))
    // Languages the agreement's patient information exists in (language codes).
    .addColumn('patient_info_languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.alterTable('principal').addColumn('agreement_id', 'uuid', (c) => c.references('agreement.id').onDelete('set null')).execute();

  // A SIP can start from staff: no person submitted it; the staff member who registered it is kept.
  await sql`alter table sip_request alter column submitted_by_person_id drop not null`.execute(db);
  await sql`alter table sip_request add column created_by_staff_account_id uuid references staff_account(id) on delete set null`.execute(db);
  await sql`alter table sip_request drop constraint sip_request_submitted_as_check`.execute(db);
  await sql`alter table sip_request add constraint sip_request_submitted_as_check check (submitted_as in ('self', 'guardian', 'representative', 'relative', 'staff'))`.execute(db);
  await sql`alter table sip_request add constraint sip_request_submitter_check check (submitted_by_person_id is not null or created_by_staff_account_id is not null)`.execute(db);
  // Why staff decided not to go ahead: a code the person reads in their own language.
  await sql`alter table sip_request add column decline_reason text check (decline_reason in ('notInTargetGroup', 'singlePrincipal', 'personDeclined', 'alreadyHasPlan', 'other'))`.execute(db);

  // Consent obtained by staff (at the unit, by phone, on paper): who recorded it and how it was given.
  await sql`alter table consent add column recorded_by_staff_account_id uuid references staff_account(id) on delete set null`.execute(db);
  await sql`alter table consent add column obtained_how text check (obtained_how in ('inWriting', 'orally', 'inPerson'))`.execute(db);

  await db.schema
    .createTable('plan')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('subject_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('request_id', 'uuid', (c) => c.unique().references('sip_request.id'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('regional', 'local')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('preparing', 'active', 'closed')`))
    // The deadline clock: when consent was in place; the rules in force when the plan was taken.
    .addColumn('clock_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('first_contact_days', 'integer', (c) => c.notNull())
    .addColumn('first_meeting_days', 'integer', (c) => c.notNull())
    .addColumn('first_contact_at', 'timestamptz')
    .addColumn('first_contact_note', 'text')
    .addColumn('taken_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('coordinator_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('lead_principal_id', 'uuid', (c) => c.references('principal.id'))
    // The working copy staff edit; every save raises the revision (a stale revision is refused).
    .addColumn('draft', 'jsonb', (c) => c.notNull())
    .addColumn('draft_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('draft_updated_at', 'timestamptz')
    .addColumn('draft_updated_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('offered_version', 'integer')
    .addColumn('active_version', 'integer')
    .addColumn('first_meeting_held_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_reason', 'text', (c) => c.check(sql`closed_reason in ('consentWithdrawn', 'goalsMet', 'noLongerNeeded', 'other')`))
    .execute();
  await db.schema.createIndex('plan_subject_idx').on('plan').column('subject_person_id').execute();
  await db.schema.createIndex('plan_coordinator_idx').on('plan').column('coordinator_staff_account_id').execute();

  await db.schema
    .createTable('plan_unit')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id'))
    .addPrimaryKeyConstraint('plan_unit_pk', ['plan_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('plan_unit_unit_idx').on('plan_unit').column('unit_id').execute();

  await db.schema
    .createTable('plan_principal')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('principal_id', 'uuid', (c) => c.notNull().references('principal.id'))
    .addPrimaryKeyConstraint('plan_principal_pk', ['plan_id', 'principal_id'])
    .execute();

  await db.schema
    .createTable('plan_version')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('offered_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by_person_id', 'uuid', (c) => c.references('person.id'))
    .addColumn('change_request', 'text')
    .addColumn('change_requested_at', 'timestamptz')
    .addColumn('change_requested_by_person_id', 'uuid', (c) => c.references('person.id'))
    .addPrimaryKeyConstraint('plan_version_pk', ['plan_id', 'version'])
    .execute();

  await db.schema
    .createTable('meeting')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('initial', 'followUp')`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place_kind', 'text', (c) => c.notNull().check(sql`place_kind in ('home', 'service', 'digital', 'other')`))
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('planned', 'held', 'cancelled')`))
    .addColumn('ics_uid', 'text', (c) => c.notNull().unique())
    .addColumn('ics_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('held_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('meeting_plan_idx').on('meeting').column('plan_id').execute();

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'staff', 'external', 'relative')`))
    .addColumn('staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('person_id', 'uuid', (c) => c.references('person.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text')
    .addColumn('email', 'text')
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo('pending').check(sql`answer in ('pending', 'coming', 'notComing')`))
    .addColumn('substitute', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invitation_meeting_idx').on('invitation').column('meeting_id').execute();
  await db.schema.createIndex('invitation_staff_idx').on('invitation').column('staff_account_id').execute();
  await sql`create unique index invitation_staff_once_idx on invitation (meeting_id, staff_account_id) where staff_account_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invitation').execute();
  await db.schema.dropTable('meeting').execute();
  await db.schema.dropTable('plan_version').execute();
  await db.schema.dropTable('plan_principal').execute();
  await db.schema.dropTable('plan_unit').execute();
  await db.schema.dropTable('plan').execute();
  await sql`alter table consent drop column obtained_how, drop column recorded_by_staff_account_id`.execute(db);
  await sql`alter table sip_request drop column decline_reason, drop constraint sip_request_submitter_check, drop constraint sip_request_submitted_as_check`.execute(db);
  await sql`alter table sip_request add constraint sip_request_submitted_as_check check (submitted_as in ('self', 'guardian', 'representative', 'relative'))`.execute(db);
  await sql`alter table sip_request drop column created_by_staff_account_id`.execute(db);
  await sql`alter table sip_request alter column submitted_by_person_id set not null`.execute(db);
  await db.schema.alterTable('principal').dropColumn('agreement_id').execute();
  await db.schema.dropTable('agreement').execute();
}
