import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// A request's idempotency key (the check page's hidden field) was unique across everybody, and a key
// already used answered with that request: posting someone else's key led to their request id. A key
// now belongs to the person who sends: unique per submitter, so another person's key is just a new key.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sip_request').dropConstraint('sip_request_idempotency_key_key').execute();
  await db.schema.createIndex('sip_request_submitter_key').unique().on('sip_request').columns(['submitted_by_person_id', 'idempotency_key']).execute();
}

// Fails when two people have used the same key since: then the global rule cannot hold again.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sip_request_submitter_key').execute();
  await db.schema.alterTable('sip_request').addUniqueConstraint('sip_request_idempotency_key_key', ['idempotency_key']).execute();
}
