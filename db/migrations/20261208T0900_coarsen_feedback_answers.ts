import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// SIP-kollen that nobody can trace (docs/feedback-anonymity.md). An answer kept its plan's exact set of
// principals, its meeting kind and its month, and rows lay in the order they were written: one join over
// held meetings named the person. From here on:
// - feedback_answer keeps the agreement and a quarter only. Existing answers are copied into a new table
//   in random order (new ids, new physical places), so neither their order nor their ids say anything.
// - New answers wait, encrypted with a key that is not in the database, in feedback_answer_pool and are
//   released to feedback_answer only as a batch of at least k (shuffled, one transaction).
// - Used invitations are remembered as HMAC(key, invitation id) in feedback_used_token(_previous).mac;
//   the old rows (hashes of tokens whose invitations were deleted when used) can never match one, so go.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table feedback_answer_coarse (
    id uuid primary key default gen_random_uuid(),
    agreement_id uuid references agreement(id) on delete set null,
    quarter text not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
    answers jsonb not null,
    free_text text not null default ''
  )`.execute(db);
  await sql`insert into feedback_answer_coarse (agreement_id, quarter, answers, free_text)
    select agreement_id, substr(month, 1, 4) || '-Q' || ((substr(month, 6, 2)::int + 2) / 3), answers, free_text
    from feedback_answer order by random()`.execute(db);
  await db.schema.dropTable('feedback_answer').execute();
  await sql`alter table feedback_answer_coarse rename to feedback_answer`.execute(db);
  await db.schema.createIndex('feedback_answer_quarter').on('feedback_answer').columns(['agreement_id', 'quarter']).execute();
  // The dashboard's free texts, read in alphabetical order and stopped at 200 (as before).
  await db.schema.createIndex('feedback_answer_text').on('feedback_answer').columns(['agreement_id', 'free_text']).where(sql.ref('free_text'), '<>', '').execute();

  await sql`create table feedback_answer_pool (
    id uuid primary key default gen_random_uuid(),
    agreement_id uuid references agreement(id) on delete set null,
    sealed text not null
  )`.execute(db);

  for (const table of ['feedback_used_token', 'feedback_used_token_previous']) {
    await sql`delete from ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(table)} rename column token_hash to mac`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['feedback_used_token', 'feedback_used_token_previous']) {
    await sql`alter table ${sql.table(table)} rename column mac to token_hash`.execute(db);
  }
  // Pooled answers cannot be opened here (the key is not in the database): they are lost on the way down.
  await db.schema.dropTable('feedback_answer_pool').execute();
  await sql`create table feedback_answer_fine (
    id uuid primary key default gen_random_uuid(),
    agreement_id uuid references agreement(id) on delete set null,
    principal_ids uuid[] not null,
    meeting_kind text not null check (meeting_kind in ('initial', 'followUp')),
    month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    answers jsonb not null,
    free_text text not null default ''
  )`.execute(db);
  await sql`insert into feedback_answer_fine (agreement_id, principal_ids, meeting_kind, month, answers, free_text)
    select agreement_id, '{}', 'initial', substr(quarter, 1, 4) || '-' || lpad(((substr(quarter, 7, 1)::int - 1) * 3 + 1)::text, 2, '0'), answers, free_text
    from feedback_answer`.execute(db);
  await db.schema.dropTable('feedback_answer').execute();
  await sql`alter table feedback_answer_fine rename to feedback_answer`.execute(db);
  await db.schema.createIndex('feedback_answer_group_idx').on('feedback_answer').columns(['agreement_id', 'month']).execute();
  await db.schema.createIndex('feedback_answer_month').on('feedback_answer').column('month').execute();
  await db.schema.createIndex('feedback_answer_text').on('feedback_answer').columns(['agreement_id', 'free_text']).where(sql.ref('free_text'), '<>', '').execute();
}
