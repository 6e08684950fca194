import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The rate limits' counters, shared by every process on one database (rate-limiter-flexible's
// RateLimiterPostgres, whose own table layout this is: it reads and writes these three columns).
// Rows are counters per client address and minute, and are deleted an hour after they expire.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rate_limit (key varchar(255) primary key, points integer not null default 0, expire bigint)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit').execute();
}
