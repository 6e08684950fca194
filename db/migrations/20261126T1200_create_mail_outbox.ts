import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The mail outbox: a mail is a row written in the same transaction as the action that causes it, so an
// acknowledged action never loses its mail and a rolled-back one sends none. A sender claims due rows
// (FOR UPDATE SKIP LOCKED), sends them, and marks them sent (the message itself is then blanked) or
// schedules a retry with backoff; sent rows are deleted after a while.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // What caused it (e.g. 'invitation', 'receipt'): for the logs and counts, never the address or text.
    .addColumn('kind', 'text', (c) => c.notNull())
    // The message: emptied once sent (it may carry a single-use link).
    .addColumn('message', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // When the next attempt may start; a claimed row is pushed ahead (a lease), so a sender that dies
    // mid-send leaves its rows to be tried again later.
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    // Refused for good by the mail server (a 5xx answer, e.g. an unknown address): kept for an operator.
    .addColumn('failed_at', 'timestamptz')
    .addCheckConstraint('mail_outbox_message_until_done', sql`(sent_at is null) = (message is not null) or failed_at is not null`)
    .execute();
  await sql`create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null`.execute(db);
  await sql`create index mail_outbox_sent on mail_outbox (sent_at) where sent_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
}
