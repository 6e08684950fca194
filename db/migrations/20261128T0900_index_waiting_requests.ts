import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The staff inbox lists the requests sent and not yet taken, oldest first. At 100 k plans there are
// 70 000 requests, almost all closed, and finding the few sent ones read them all (6.5 ms per inbox).
// A partial index of the sent requests in the inbox's order makes it an index scan of those few.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index sip_request_waiting on sip_request (sent_at) where status = 'sent'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sip_request_waiting').execute();
}
