/**
 * "Who has looked at my data": the person's own view of the audit log, as 1177 shows its journal log.
 * Reading one's own log is not itself logged (it would fill the log with the person's own visits).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { auditTrailFor } from '../../shared/server/audit.repository.ts';
import { groupAccessLog, type LogGroup } from './access-log.domain.ts';

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
  'consent.widen',
  'consent.askWiden',
  'consent.declineWiden',
  'share.grant',
  'share.revoke',
] as const;

export interface AccessLogEntry {
  at: Date;
  /** `self` when the person did it themselves. */
  /** A system's name is the API client's, when an API client read (none for the portal itself). */
  who: { kind: 'self' } | { kind: 'person' | 'staff'; name: string; unit: string | null; title?: string | null; organisation?: string | null } | { kind: 'system'; name: string | null };
  action: (typeof KNOWN_AUDIT_ACTIONS)[number] | 'other';
}

/** The person's log, newest first (the latest 200 events). */
export async function accessLog(db: Kysely<Database>, personId: string): Promise<AccessLogEntry[]> {
  const rows = await auditTrailFor(db, personId);
  return rows.map((r) => ({
    at: r.occurredAt,
    who:
      r.actorKind === 'system'
        ? { kind: 'system', name: r.actorName }
        : r.actorKind === 'person' && r.actorId === personId
          ? { kind: 'self' }
          : r.actorKind === 'staff'
            ? { kind: 'staff', name: r.actorName ?? '—', unit: r.unitName, title: r.actorTitle, organisation: r.principalName }
            : { kind: r.actorKind, name: r.actorName ?? '—', unit: r.unitName },
    action: (KNOWN_AUDIT_ACTIONS as readonly string[]).includes(r.action) ? (r.action as AccessLogEntry['action']) : 'other',
  }));
}

const stockholmDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The log grouped by Swedish day and reader, newest first (access-log.domain.ts), with the full list. */
export async function accessLogAtAGlance(db: Kysely<Database>, personId: string): Promise<{ groups: LogGroup<AccessLogEntry['action']>[]; entries: AccessLogEntry[] }> {
  const entries = await accessLog(db, personId);
  return { groups: groupAccessLog(entries, (at) => stockholmDay.format(at)), entries };
}
