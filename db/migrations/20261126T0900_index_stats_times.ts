import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The statistics rollup rebuilds the recent months every few minutes: it finds the plans with something in
// those months through these times instead of reading every plan (EXPLAIN at 100 k plans: the plan scan was
// the largest fixed cost of a two-month rebuild).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('plan_created_at').on('plan').column('created_at').execute();
  await db.schema.createIndex('plan_closed_at').on('plan').column('closed_at').execute();
  await db.schema.createIndex('plan_first_meeting_held_at').on('plan').column('first_meeting_held_at').execute();
  await db.schema.createIndex('deviation_closed_at').on('deviation').column('closed_at').execute();
  await db.schema.createIndex('feedback_answer_month').on('feedback_answer').column('month').execute();
  // The dashboard's free texts, read in alphabetical order and stopped at 200 (not sorted from every answer).
  await db.schema.createIndex('feedback_answer_text').on('feedback_answer').columns(['agreement_id', 'free_text']).where(sql.ref('free_text'), '<>', '').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['feedback_answer_text', 'feedback_answer_month', 'deviation_closed_at', 'plan_first_meeting_held_at', 'plan_closed_at', 'plan_created_at']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
