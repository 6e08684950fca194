/**
 * The audit log: who did what, to whose data, when, in which context. Append-only — this module has
 * no update or delete, and a database trigger refuses them anyway. Never personnummer or free text.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AuditEventTable, Database } from '../../../db/schema.ts';
import { prepared } from './prepared-query.ts';

export type AuditEventRow = Selectable<AuditEventTable>;

export interface AuditEvent {
  /** A system is the portal itself (no id) or an API client (its id). */
  actor: { kind: 'person' | 'staff'; id: string } | { kind: 'system'; id?: string };
  /** A code such as `plan.read`, `request.create`; shown to the person through translations. */
  action: string;
  subjectPersonId?: string;
  record?: { type: string; id: string };
  /** e.g. the unit the staff member acted for. */
  context?: string;
  at: Date;
}

/** Appends one event; call it inside the transaction of the write it records. */
export async function recordAudit(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await insertEvent.run(db, event.at, event.actor.kind, event.actor.id ?? null, event.action, event.subjectPersonId ?? null, event.record?.type ?? null, event.record?.id ?? null, event.context ?? null);
}
// Written with most staff reads: built and compiled once (prepared-query.ts).
const insertEvent = prepared(
  (db: Kysely<Database>, at: Date, actorKind: AuditEvent['actor']['kind'], actorId: string | null, action: string, subjectPersonId: string | null, recordType: string | null, recordId: string | null, context: string | null) =>
    db.insertInto('audit_event').values({
      occurred_at: at,
      actor_kind: actorKind,
      actor_id: actorId,
      action,
      subject_person_id: subjectPersonId,
      record_type: recordType,
      record_id: recordId,
      context,
    }),
);

/** The events about one person, newest first ("who has looked at my data"). */
export async function auditEventsAbout(db: Kysely<Database>, personId: string, limit = 200): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('subject_person_id', '=', personId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export interface AuditEntryWithNames {
  occurredAt: Date;
  actorKind: 'person' | 'staff' | 'system';
  actorId: string | null;
  actorName: string | null;
  unitName: string | null;
  /** The staff member's title (their role, e.g. Sjuksköterska) and the principal of the unit. */
  actorTitle: string | null;
  principalName: string | null;
  action: string;
}

/**
 * The events about one person with the actor's name and, for staff, the unit they acted for
 * (`context` holds a unit id), newest first.
 */
export async function auditTrailFor(db: Kysely<Database>, personId: string, limit = 200): Promise<AuditEntryWithNames[]> {
  const rows = await db
    .selectFrom('audit_event as e')
    .leftJoin('staff_account as s', (j) => j.onRef('s.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'staff'))
    .leftJoin('person as p', (j) => j.onRef('p.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'person'))
    .leftJoin('api_client as c', (j) => j.onRef('c.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'system'))
    .leftJoin('unit as u', (j) => j.on((eb) => eb(eb.cast('u.id', 'text'), '=', eb.ref('e.context'))))
    .leftJoin('principal as pr', 'pr.id', 'u.principal_id')
    .select(['e.occurred_at', 'e.actor_kind', 'e.actor_id', 'e.action', 's.name as staff_name', 'p.given_name', 'p.family_name', 'u.name as unit_name', 'c.name as client_name', 's.title as staff_title', 'pr.name as principal_name'])
    .where('e.subject_person_id', '=', personId)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    occurredAt: new Date(r.occurred_at),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorName: r.staff_name ?? r.client_name ?? (r.given_name ? `${r.given_name} ${r.family_name}` : null),
    unitName: r.unit_name,
    actorTitle: r.staff_title,
    principalName: r.principal_name,
    action: r.action,
  }));
}
