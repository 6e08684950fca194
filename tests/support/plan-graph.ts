/**
 * A plan with a row in every table that hangs on a plan (request, consents, units, versions, meetings,
 * invitations, follow-ups, goal assessments, reminders, deviations, SIP-kollen invitations), written
 * straight into the database so that retention tests can choose every date.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface Parties {
  principalId: string;
  unitId: string;
  personId: string;
}

let serial = 0;

/** A principal, a unit and a person to hang plans on. */
export async function parties(db: Kysely<Database>): Promise<Parties> {
  const { id: principalId } = await db.insertInto('principal').values({ kind: 'region', name: `Region ${++serial}` }).returning('id').executeTakeFirstOrThrow();
  const { id: unitId } = await db.insertInto('unit').values({ principal_id: principalId, name: 'Vuxenpsykiatri' }).returning('id').executeTakeFirstOrThrow();
  const { id: personId } = await db
    .insertInto('person')
    .values({ personal_identity_number: `19800101${String(1000 + serial).slice(-4)}`, given_name: 'Test', family_name: 'Person', birth_date: '1980-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { principalId, unitId, personId };
}

/** A plan with everything on it; `closedAt` null = still active. Returns the ids a test looks for. */
export async function planGraph(db: Kysely<Database>, p: Parties, closedAt: Date | null, createdAt = new Date('2020-01-10T09:00:00Z')) {
  const n = ++serial;
  const { id: requestId } = await db
    .insertInto('sip_request')
    .values({ reference: `R-${n}`, subject_person_id: p.personId, submitted_by_person_id: p.personId, submitted_as: 'self', status: 'closed', answers: '{}', idempotency_key: `k-${n}`, created_at: createdAt, closed_at: createdAt, closed_reason: 'planCreated' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('sip_request_principal').values({ request_id: requestId, principal_id: p.principalId }).execute();
  const { id: consentId } = await db
    .insertInto('consent')
    .values({ subject_person_id: p.personId, given_by_person_id: p.personId, given_as: 'self', request_id: requestId, scope: '{}', text_version: 't', given_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('consent_requirement').values({ request_id: requestId, person_id: p.personId, role: 'subject', consent_id: consentId }).execute();
  const { id: planId } = await db
    .insertInto('plan')
    .values({
      reference: `SIP-${n}`, subject_person_id: p.personId, request_id: requestId, scope: 'regional', status: closedAt ? 'closed' : 'active',
      clock_started_at: createdAt, first_contact_days: 5, first_meeting_days: 30, draft: '{}', created_at: createdAt,
      closed_at: closedAt, closed_reason: closedAt ? 'goalsMet' : null, lead_principal_id: p.principalId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('plan_unit').values({ plan_id: planId, unit_id: p.unitId }).execute();
  await db.insertInto('plan_principal').values({ plan_id: planId, principal_id: p.principalId }).execute();
  await db.insertInto('consent_scope_request').values({ plan_id: planId, principal_id: p.principalId, asked_by_staff_account_id: null, reason: 'Skolan behövs', asked_at: createdAt }).execute();
  await db.insertInto('plan_version').values({ plan_id: planId, version: 1, content: '{}', offered_at: createdAt, accepted_at: createdAt, accepted_by_person_id: p.personId }).execute();
  const { id: meetingId } = await db
    .insertInto('meeting')
    .values({ plan_id: planId, kind: 'initial', starts_at: createdAt, ends_at: createdAt, place_kind: 'service', location: 'Mottagningen', status: 'held', ics_uid: `u-${n}`, created_at: createdAt, held_at: createdAt, follow_up_draft: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: invitationId } = await db
    .insertInto('invitation')
    .values({ meeting_id: meetingId, kind: 'person', person_id: p.personId, name: 'Test Person', organisation: null, email: null, substitute: null, answered_at: null, sent_at: createdAt, created_at: createdAt, attended: true, staff_account_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: followUpId } = await db
    .insertInto('follow_up')
    .values({ plan_id: planId, meeting_id: meetingId, version: 1, decision: 'close', next_follow_up_date: null, decided_by_staff_account_id: null, decided_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('goal_assessment').values({ follow_up_id: followUpId, goal_id: 'g1', staff_value: 'met', person_value: 'met' }).execute();
  await db.insertInto('follow_up_reminder').values({ plan_id: planId, follow_up_date: '2020-06-01', kind: 'before', sent_at: createdAt }).execute();
  await db
    .insertInto('deviation')
    .values({ plan_id: planId, principal_id: p.principalId, type: 'noShow', description: 'Kom inte', invitation_id: invitationId, reported_by_staff_account_id: null, reported_by_person_id: p.personId, reported_at: createdAt, handled_by_staff_account_id: null, investigating_at: null, closed_at: null })
    .execute();
  await db.insertInto('feedback_invitation').values({ meeting_id: meetingId, person_id: p.personId, email: null, token_hash: `h-${n}`, expires_at: new Date('2999-01-01T00:00:00Z') }).execute();
  return { planId, requestId, meetingId, consentId };
}
