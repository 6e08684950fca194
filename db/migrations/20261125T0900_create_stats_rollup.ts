import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The manager dashboard's rollup: counts per agreement, principal scope, month, figure, category and
// breakdown value, rebuilt by the jobs runner from the records (never a row per person). A follow-up keeps
// the date it was due, so "held on time" can be counted.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table follow_up add column due_date text check (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')`.execute(db);

  await db.schema
    .createTable('stats_cell')
    .addColumn('agreement_id', 'uuid', (c) => c.notNull())
    // '' = the whole agreement (each plan once); a principal's id = the plans (or deviations, answers) of that principal.
    .addColumn('principal_key', 'text', (c) => c.notNull())
    // 'total', 'principal', 'unit', 'scope' or 'age', and its value ('' for the total).
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-[0-9]{2}$'`))
    .addColumn('dim_value', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().check(sql`n > 0`))
    .addPrimaryKeyConstraint('stats_cell_pk', ['agreement_id', 'principal_key', 'dim', 'metric', 'month', 'dim_value', 'bucket'])
    .execute();
  // The refresh window deletes by month.
  await db.schema.createIndex('stats_cell_month').on('stats_cell').column('month').execute();
  // What the refresh reads by time (the plan's own times are read by a scan).
  await db.schema.createIndex('follow_up_decided_at').on('follow_up').column('decided_at').execute();
  await db.schema.createIndex('meeting_held_at').on('meeting').column('held_at').execute();
  await db.schema.createIndex('deviation_reported_at').on('deviation').column('reported_at').execute();
  await db.schema.createIndex('sip_request_sent_at').on('sip_request').column('sent_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sip_request_sent_at').ifExists().execute();
  await db.schema.dropIndex('deviation_reported_at').ifExists().execute();
  await db.schema.dropIndex('meeting_held_at').ifExists().execute();
  await db.schema.dropIndex('follow_up_decided_at').ifExists().execute();
  await db.schema.dropTable('stats_cell').execute();
  await sql`alter table follow_up drop column due_date`.execute(db);
}
