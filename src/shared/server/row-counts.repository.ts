/**
 * Row counts of tables, for the test-only route that proves an action stored nothing (protected
 * identity) or nothing half (the attack suite's fuzzing).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';

export const COUNTED_TABLES = [
  'person', 'session', 'audit_event', 'form_draft', 'sip_request', 'sip_request_principal', 'consent', 'consent_requirement', 'delegation',
  'legal_representation', 'rescued_form', 'principal', 'unit', 'staff_account', 'unit_membership', 'principal_manager',
  'plan', 'plan_version', 'plan_unit', 'plan_principal', 'meeting', 'invitation', 'follow_up', 'goal_assessment', 'deviation',
  'feedback_invitation', 'feedback_answer', 'feedback_used_token',
] as const;

export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    counts[table] = rows[0]!.n;
  }
  return counts;
}
