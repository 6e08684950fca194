/** Every record id a URL can carry, for the test-only route the attack suite tries on every role. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';

/** The tables whose ids appear in paths, by the name the suite uses. */
const ID_TABLES = {
  request: 'sip_request',
  consent: 'consent',
  plan: 'plan',
  invitation: 'invitation',
  deviation: 'deviation',
  feedbackInvitation: 'feedback_invitation',
  staffAccount: 'staff_account',
} as const;

export type RecordKind = keyof typeof ID_TABLES;

/** The ids of every row of those tables (the demo has a few dozen; never used outside tests). */
export async function recordIds(db: Kysely<Database>): Promise<Record<RecordKind, string[]>> {
  const result = {} as Record<RecordKind, string[]>;
  for (const [kind, table] of Object.entries(ID_TABLES) as [RecordKind, (typeof ID_TABLES)[RecordKind]][]) {
    const rows = await db.selectFrom(table).select('id').orderBy('id').execute();
    result[kind] = rows.map((r) => r.id);
  }
  return result;
}

/**
 * Test-only: the plan's planned meetings are moved so that they started an hour ago (same length), as if
 * the days until them had passed — browser journeys cannot wait for a meeting, and booking one in the
 * past is refused. Returns how many moved.
 */
export async function startPlannedMeetings(db: Kysely<Database>, reference: string, now: Date): Promise<number> {
  const r = await sql`update meeting m set starts_at = ${now}::timestamptz - interval '1 hour', ends_at = ${now}::timestamptz - interval '1 hour' + (m.ends_at - m.starts_at)
    from plan p where p.id = m.plan_id and p.reference = ${reference} and m.status = 'planned'`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}
