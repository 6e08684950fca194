import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// Retention (gallring) by the jobs runner: the audit log may lose rows older than its period, and only
// then; used SIP-kollen tokens rotate through a second table (they carry no time); indexes for finding
// what is due and for deleting a plan with everything on it.

export async function up(db: Kysely<any>): Promise<void> {
  // Still append-only for UPDATE and TRUNCATE, and for DELETE too, unless the transaction says it is the
  // retention job (a transaction-local setting) and the row is more than a year old by the server's
  // clock: no code path and no mistaken configuration can remove recent rows.
  await sql`
    create or replace function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE'
        and current_setting('sip.audit_retention', true) = 'on'
        and old.occurred_at < now() - interval '365 days' then
        return old;
      end if;
      raise exception 'audit_event is append-only';
    end
    $$`.execute(db);
  await db.schema.createIndex('audit_event_occurred_idx').on('audit_event').column('occurred_at').execute();

  await db.schema.createTable('feedback_used_token_previous').addColumn('token_hash', 'text', (c) => c.primaryKey()).execute();

  await sql`create index sip_request_closed_idx on sip_request (closed_at) where status = 'closed'`.execute(db);
  await db.schema.createIndex('sip_request_created_idx').on('sip_request').column('created_at').execute();
  await db.schema.createIndex('consent_request_idx').on('consent').column('request_id').execute();
  await db.schema.createIndex('consent_requirement_consent_idx').on('consent_requirement').column('consent_id').execute();
  await db.schema.createIndex('feedback_invitation_meeting_idx').on('feedback_invitation').column('meeting_id').execute();
  await db.schema.createIndex('deviation_invitation_idx').on('deviation').column('invitation_id').execute();
  await db.schema.createIndex('form_draft_updated_idx').on('form_draft').column('updated_at').execute();
  await db.schema.createIndex('login_attempt_created_idx').on('login_attempt').column('created_at').execute();
  await db.schema.createIndex('session_created_idx').on('session').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['session_created_idx', 'login_attempt_created_idx', 'form_draft_updated_idx', 'deviation_invitation_idx', 'feedback_invitation_meeting_idx', 'consent_requirement_consent_idx', 'consent_request_idx', 'sip_request_created_idx', 'sip_request_closed_idx', 'audit_event_occurred_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('feedback_used_token_previous').execute();
  await sql`
    create or replace function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end
    $$`.execute(db);
}
