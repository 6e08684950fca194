import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// Follow-up, deviations, closing and SIP-kollen: the plan's follow-up date and closing proposal, follow-up
// decisions with goal assessments, reminders sent (exactly once), deviations and their handling, and the
// anonymous feedback — invitations (person-linked, deleted when used), used tokens (no link), answers
// (no person, plan, token or exact time; see README "Why SIP-kollen cannot be traced").

export async function up(db: Kysely<any>): Promise<void> {
  // Every active plan has a follow-up date; closing (except on withdrawn consent) is proposed by staff and confirmed by the person.
  // Dates as 'YYYY-MM-DD' text (Swedish calendar dates; no time zone to drift).
  await sql`alter table plan add column follow_up_date text check (follow_up_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')`.execute(db);
  await sql`alter table plan drop constraint plan_closed_reason_check`.execute(db);
  await sql`alter table plan add constraint plan_closed_reason_check check (closed_reason in ('consentWithdrawn', 'goalsMet', 'noLongerNeeded', 'moved', 'other'))`.execute(db);
  await sql`alter table plan add column closing_reason text check (closing_reason in ('goalsMet', 'noLongerNeeded', 'moved', 'other'))`.execute(db);
  await sql`alter table plan add column closing_note text`.execute(db);
  await sql`alter table plan add column closing_proposed_at timestamptz`.execute(db);
  await sql`alter table plan add column closing_proposed_by_staff_account_id uuid references staff_account(id) on delete set null`.execute(db);
  await sql`alter table plan add column closed_confirmed_by_person_id uuid references person(id)`.execute(db);
  // The person's "not yet" to a closing proposal, for the coordinator to read.
  await sql`alter table plan add column closing_declined_at timestamptz`.execute(db);
  await sql`alter table plan add column closing_declined_comment text`.execute(db);
  // Whether an invitee came (recorded at follow-up; null = not recorded).
  await sql`alter table invitation add column attended boolean`.execute(db);
  // The follow-up form as typed, kept until the decision is recorded.
  await sql`alter table meeting add column follow_up_draft jsonb`.execute(db);

  await db.schema
    .createTable('follow_up')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id'))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().unique().references('meeting.id'))
    // The plan version whose goals were assessed.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('continue', 'revise', 'close')`))
    .addColumn('next_follow_up_date', 'text', (c) => c.check(sql`next_follow_up_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('follow_up_continue_has_date', sql`decision <> 'continue' or next_follow_up_date is not null`)
    .execute();
  await db.schema.createIndex('follow_up_plan_idx').on('follow_up').column('plan_id').execute();

  await db.schema
    .createTable('goal_assessment')
    .addColumn('follow_up_id', 'uuid', (c) => c.notNull().references('follow_up.id').onDelete('cascade'))
    // Ids of the goal (and sub-goal) inside the assessed plan version's content.
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('sub_goal_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('staff_value', 'text', (c) => c.notNull().check(sql`staff_value in ('met', 'partlyMet', 'notMet')`))
    .addColumn('staff_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('person_value', 'text', (c) => c.check(sql`person_value in ('met', 'partlyMet', 'notMet')`))
    .addColumn('person_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('goal_assessment_pk', ['follow_up_id', 'goal_id', 'sub_goal_id'])
    .execute();

  // One row per reminder sent: the primary key makes sending exactly-once across job runners.
  await db.schema
    .createTable('follow_up_reminder')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id'))
    .addColumn('follow_up_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('before', 'overdue')`))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_up_reminder_pk', ['plan_id', 'follow_up_date', 'kind'])
    .execute();

  await db.schema
    .createTable('deviation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id'))
    .addColumn('principal_id', 'uuid', (c) => c.notNull().references('principal.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('notInitiated', 'noShow', 'poorTreatment', 'planNotFollowed', 'other')`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('invitation_id', 'uuid', (c) => c.references('invitation.id').onDelete('set null'))
    .addColumn('reported_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('reported_by_person_id', 'uuid', (c) => c.references('person.id'))
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('reported').check(sql`status in ('reported', 'investigating', 'closed')`))
    .addColumn('investigation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('handled_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('investigating_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('deviation_reporter', sql`reported_by_staff_account_id is not null or reported_by_person_id is not null`)
    .execute();
  await db.schema.createIndex('deviation_plan_idx').on('deviation').column('plan_id').execute();
  await db.schema.createIndex('deviation_principal_idx').on('deviation').columns(['principal_id', 'status']).execute();

  // The SIP-kollen questions are data: agreement_id null is the default set; an agreement with rows of its
  // own uses those. Texts null = the default wording in the locale files (feedback:questions.<key>).
  await db.schema
    .createTable('feedback_question')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agreement_id', 'uuid', (c) => c.references('agreement.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-zA-Z][a-zA-Z0-9]{0,39}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('scale', 'text')`))
    .addColumn('texts', 'jsonb')
    .execute();
  await sql`create unique index feedback_question_key on feedback_question (coalesce(agreement_id, '00000000-0000-0000-0000-000000000000'::uuid), key)`.execute(db);
  const defaults: [string, 'scale' | 'text'][] = [
    ['informed', 'scale'],
    ['tookPart', 'scale'],
    ['listenedTo', 'scale'],
    ['together', 'scale'],
    ['whoDoesWhat', 'scale'],
    ['knowCoordinator', 'scale'],
    ['meaningful', 'scale'],
    ['mattersMost', 'text'],
  ];
  await db.insertInto('feedback_question').values(defaults.map(([key, kind], i) => ({ agreement_id: null, position: i + 1, key, kind }))).execute();

  // The right to answer: linked to a person (to show it on their page) or only to an e-mail address; the
  // token itself is never stored, only its hash. Deleted when used or when it expires.
  await db.schema
    .createTable('feedback_invitation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meeting.id'))
    .addColumn('person_id', 'uuid', (c) => c.references('person.id'))
    .addColumn('email', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_invitation_person_idx').on('feedback_invitation').column('person_id').execute();
  // Used tokens, to refuse a second answer: the hash only — no person, meeting, time or answer.
  await db.schema.createTable('feedback_used_token').addColumn('token_hash', 'text', (c) => c.primaryKey()).execute();
  // The answers: only what the statistics need. Nothing here can point at a person (tested column by column).
  await db.schema
    .createTable('feedback_answer')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agreement_id', 'uuid', (c) => c.references('agreement.id').onDelete('set null'))
    .addColumn('principal_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('meeting_kind', 'text', (c) => c.notNull().check(sql`meeting_kind in ('initial', 'followUp')`))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-[0-9]{2}$'`))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('free_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('feedback_answer_group_idx').on('feedback_answer').columns(['agreement_id', 'month']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['feedback_answer', 'feedback_used_token', 'feedback_invitation', 'feedback_question', 'deviation', 'follow_up_reminder', 'goal_assessment', 'follow_up']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`alter table meeting drop column follow_up_draft`.execute(db);
  await sql`alter table invitation drop column attended`.execute(db);
  await sql`alter table plan drop column follow_up_date, drop column closing_reason, drop column closing_note, drop column closing_proposed_at, drop column closing_proposed_by_staff_account_id, drop column closed_confirmed_by_person_id, drop column closing_declined_at, drop column closing_declined_comment`.execute(db);
  await sql`alter table plan drop constraint plan_closed_reason_check`.execute(db);
  await sql`alter table plan add constraint plan_closed_reason_check check (closed_reason in ('consentWithdrawn', 'goalsMet', 'noLongerNeeded', 'other'))`.execute(db);
}
