/** SQL for meetings and their invitations. */
import { type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export interface MeetingRow {
  id: string;
  planId: string;
  kind: 'initial' | 'followUp';
  startsAt: Date;
  endsAt: Date;
  placeKind: 'home' | 'service' | 'digital' | 'other';
  location: string;
  status: 'planned' | 'held' | 'cancelled';
  icsUid: string;
  icsSequence: number;
  heldAt: Date | null;
  followUpDraft: unknown;
}

function meetingQuery(db: Kysely<Database>) {
  return db
    .selectFrom('meeting as m')
    .select([
      'm.id',
      'm.plan_id as planId',
      'm.kind',
      'm.starts_at as startsAt',
      'm.ends_at as endsAt',
      'm.place_kind as placeKind',
      'm.location',
      'm.status',
      'm.ics_uid as icsUid',
      'm.ics_sequence as icsSequence',
      'm.held_at as heldAt',
      'm.follow_up_draft as followUpDraft',
    ]);
}

export async function meetingsOf(db: Kysely<Database>, planId: string): Promise<MeetingRow[]> {
  return meetingsOfQuery.rows(db, planId);
}
const meetingsOfQuery = prepared((db: Kysely<Database>, planId: string) =>
  meetingQuery(db).where('m.plan_id', '=', planId).orderBy('m.starts_at'),
);

export async function findMeeting(db: Kysely<Database>, id: string): Promise<MeetingRow | undefined> {
  return findMeetingQuery.first(db, id);
}
const findMeetingQuery = prepared((db: Kysely<Database>, id: string) =>
  meetingQuery(db).where('m.id', '=', id),
);

export async function insertMeeting(db: Kysely<Database>, m: { planId: string; kind: 'initial' | 'followUp'; startsAt: Date; endsAt: Date; placeKind: MeetingRow['placeKind']; location: string; icsUid: string; at: Date }): Promise<string> {
  const { id } = await db
    .insertInto('meeting')
    .values({ plan_id: m.planId, kind: m.kind, starts_at: m.startsAt, ends_at: m.endsAt, place_kind: m.placeKind, location: m.location, status: 'planned', ics_uid: m.icsUid, created_at: m.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateMeeting(db: Kysely<Database>, id: string, m: { startsAt: Date; endsAt: Date; placeKind: MeetingRow['placeKind']; location: string }): Promise<void> {
  await db
    .updateTable('meeting')
    .set((eb) => ({ starts_at: m.startsAt, ends_at: m.endsAt, place_kind: m.placeKind, location: m.location, ics_sequence: eb('ics_sequence', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markMeetingHeld(db: Kysely<Database>, meetingId: string, planId: string, at: Date): Promise<void> {
  await db.updateTable('meeting').set({ status: 'held', held_at: at }).where('id', '=', meetingId).where('status', '=', 'planned').execute();
  await db.updateTable('plan').set({ first_meeting_held_at: at }).where('id', '=', planId).where('first_meeting_held_at', 'is', null).execute();
}

export interface InvitationRow {
  id: string;
  meetingId: string;
  kind: 'person' | 'staff' | 'external' | 'relative';
  staffAccountId: string | null;
  personId: string | null;
  name: string;
  organisation: string | null;
  email: string | null;
  answer: 'pending' | 'coming' | 'notComing';
  substitute: string | null;
  answeredAt: Date | null;
  sentAt: Date | null;
  /** Whether they came (recorded at follow-up); null = not recorded. */
  attended: boolean | null;
}

function invitationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('invitation as i')
    .select([
      'i.id',
      'i.meeting_id as meetingId',
      'i.kind',
      'i.staff_account_id as staffAccountId',
      'i.person_id as personId',
      'i.name',
      'i.organisation',
      'i.email',
      'i.answer',
      'i.substitute',
      'i.answered_at as answeredAt',
      'i.sent_at as sentAt',
      'i.attended',
    ]);
}

export async function invitationsOf(db: Kysely<Database>, meetingId: string): Promise<InvitationRow[]> {
  return invitationsOfQuery.rows(db, meetingId);
}
const invitationsOfQuery = prepared((db: Kysely<Database>, meetingId: string) =>
  invitationQuery(db).where('i.meeting_id', '=', meetingId).orderBy('i.created_at'),
);

export async function findInvitation(db: Kysely<Database>, id: string): Promise<InvitationRow | undefined> {
  return findInvitationQuery.first(db, id);
}
const findInvitationQuery = prepared((db: Kysely<Database>, id: string) =>
  invitationQuery(db).where('i.id', '=', id),
);

export async function insertInvitation(db: Kysely<Database>, i: Omit<InvitationRow, 'id' | 'answer' | 'substitute' | 'answeredAt' | 'sentAt' | 'attended'>, at: Date): Promise<string> {
  const { id } = await db
    .insertInto('invitation')
    .values({ meeting_id: i.meetingId, kind: i.kind, staff_account_id: i.staffAccountId, person_id: i.personId, name: i.name, organisation: i.organisation, email: i.email, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function deleteInvitation(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('invitation').where('id', '=', id).where('kind', '<>', 'person').execute();
}

export async function markInvitationsSent(db: Kysely<Database>, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('invitation').set({ sent_at: at }).where('id', 'in', ids).execute();
}

export async function answerInvitation(db: Kysely<Database>, id: string, answer: 'coming' | 'notComing', substitute: string, at: Date): Promise<void> {
  await db.updateTable('invitation').set({ answer, substitute: substitute || null, answered_at: at }).where('id', '=', id).execute();
}

export interface MyInvitationRow extends InvitationRow {
  planId: string;
  reference: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  placeKind: MeetingRow['placeKind'];
}

/** Invitations to this staff member for meetings not yet held. */
export async function invitationsToStaff(db: Kysely<Database>, staffAccountId: string): Promise<MyInvitationRow[]> {
  return invitationQuery(db)
    .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
    .innerJoin('plan as pl', 'pl.id', 'm.plan_id')
    .select([
      'pl.id as planId',
      'pl.reference',
      'm.starts_at as startsAt',
      'm.ends_at as endsAt',
      'm.location',
      'm.place_kind as placeKind',
    ])
    .where('i.staff_account_id', '=', staffAccountId)
    .where('i.sent_at', 'is not', null)
    .where('m.status', '=', 'planned')
    .where('pl.status', '<>', 'closed')
    .orderBy('m.starts_at')
    .execute();
}

export async function setAttendance(db: Kysely<Database>, meetingId: string, attendance: Record<string, boolean>): Promise<void> {
  for (const [id, attended] of Object.entries(attendance)) {
    await db.updateTable('invitation').set({ attended }).where('id', '=', id).where('meeting_id', '=', meetingId).execute();
  }
}

export async function saveFollowUpDraft(db: Kysely<Database>, meetingId: string, draft: unknown): Promise<void> {
  await db.updateTable('meeting').set({ follow_up_draft: JSON.stringify(draft) }).where('id', '=', meetingId).execute();
}
