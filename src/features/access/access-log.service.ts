/**
 * "Who has looked at my data": the person's own view of the audit log, as 1177 shows its journal log.
 * Reading one's own log is not itself logged (it would fill the log with the person's own visits).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { auditTrailFor } from '../../shared/server/audit.repository.ts';

/** Actions the log can name; anything else shows as "other". */
export const KNOWN_AUDIT_ACTIONS = [
  'session.login',
  'session.logout',
  'request.create',
  'request.read',
  'request.take',
  'request.decline',
  'request.register',
  'plan.read',
  'plan.write',
  'plan.offer',
  'plan.accept',
  'plan.changeRequest',
  'meeting.plan',
  'meeting.invite',
  'meeting.held',
  'followUp.record',
  'plan.proposeClosing',
  'plan.close',
  'plan.keepOpen',
  'deviation.report',
  'deviation.read',
  'deviation.handle',
  'invitation.answer',
  'consent.give',
  'consent.decline',
  'consent.withdraw',
  'share.grant',
  'share.revoke',
] as const;

export interface AccessLogEntry {
  at: Date;
  /** `self` when the person did it themselves. */
  /** A system's name is the API client's, when an API client read (none for the portal itself). */
  who: { kind: 'self' } | { kind: 'person' | 'staff'; name: string; unit: string | null } | { kind: 'system'; name: string | null };
  action: (typeof KNOWN_AUDIT_ACTIONS)[number] | 'other';
}

export async function accessLog(db: Kysely<Database>, personId: string): Promise<AccessLogEntry[]> {
  const rows = await auditTrailFor(db, personId);
  return rows.map((r) => ({
    at: r.occurredAt,
    who:
      r.actorKind === 'system'
        ? { kind: 'system', name: r.actorName }
        : r.actorKind === 'person' && r.actorId === personId
          ? { kind: 'self' }
          : { kind: r.actorKind, name: r.actorName ?? '—', unit: r.unitName },
    action: (KNOWN_AUDIT_ACTIONS as readonly string[]).includes(r.action) ? (r.action as AccessLogEntry['action']) : 'other',
  }));
}
