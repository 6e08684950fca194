/**
 * Role changes as the audit log keeps them, for admins: who gave or took a unit role, a manager role
 * or the admin role, to whom, when. A membership's event has `unit-id:role` as its context, a manager
 * role's event the principal's id (written by admin.service.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Database, UnitRole } from '../../../db/schema.ts';

export const ROLE_ACTIONS = ['admin.membership.add', 'admin.membership.remove', 'admin.manager.add', 'admin.manager.remove', 'admin.role.adminGranted', 'admin.role.adminRevoked'] as const;

/** The audit context of a membership change: the unit and the role. */
export function membershipContext(unitId: string, role: UnitRole): string {
  return `${unitId}:${role}`;
}

export interface RoleChangeRow {
  occurredAt: Date;
  action: (typeof ROLE_ACTIONS)[number];
  byName: string | null;
  accountId: string | null;
  accountName: string | null;
  /** The unit (membership) or principal (manager role); null for the admin role. */
  placeName: string | null;
  role: UnitRole | null;
}

/** The latest role changes, newest first. */
export async function recentRoleChanges(db: Kysely<Database>, limit = 20): Promise<RoleChangeRow[]> {
  const rows = await db
    .selectFrom('audit_event as e')
    .leftJoin('staff_account as actor', (j) => j.onRef('actor.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'staff'))
    .leftJoin('staff_account as acc', (j) => j.on(sql`acc.id::text`, '=', sql.ref('e.record_id')).on('e.record_type', '=', 'staff_account'))
    .leftJoin('unit as u', (j) => j.on(sql`u.id::text`, '=', sql`split_part(e.context, ':', 1)`).on('e.action', 'like', 'admin.membership.%'))
    .leftJoin('principal as p', (j) => j.on(sql`p.id::text`, '=', sql`e.context`).on('e.action', 'like', 'admin.manager.%'))
    .select([
      'e.occurred_at as occurredAt',
      'e.action',
      'actor.name as byName',
      'acc.id as accountId',
      'acc.name as accountName',
      sql<string | null>`coalesce(u.name, p.name)`.as('placeName'),
      sql<string | null>`case when e.action like 'admin.membership.%' then nullif(split_part(e.context, ':', 2), '') end`.as('role'),
    ])
    .where('e.action', 'in', [...ROLE_ACTIONS])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt), action: r.action as RoleChangeRow['action'], role: r.role as UnitRole | null }));
}
