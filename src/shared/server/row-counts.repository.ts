/** Row counts of tables, for the test-only route that proves an action stored nothing. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';

export const COUNTED_TABLES = ['person', 'session', 'audit_event', 'form_draft', 'sip_request', 'consent', 'consent_requirement', 'delegation'] as const;

export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    counts[table] = rows[0]!.n;
  }
  return counts;
}
