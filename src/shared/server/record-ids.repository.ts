/** Every record id a URL can carry, for the test-only route the attack suite tries on every role. */
import type { Kysely } from 'kysely';
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
