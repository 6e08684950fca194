/** All SQL for the staff journey: inbox, taking a request, plans and their versions, meetings, invitations. */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, DeclineReason } from '../../../db/schema.ts';
import type { AgreementRules, PlanScope } from './deadline.domain.ts';
import type { PlanStatus } from './plan.domain.ts';

const personName = (alias: string) => sql<string>`${sql.ref(`${alias}.given_name`)} || ' ' || ${sql.ref(`${alias}.family_name`)}`;

export interface AgreementRow extends AgreementRules {
  principalId: string;
  name: string;
}

/** The agreement rules of each principal that has one. */
export async function agreementsOf(db: Kysely<Database>, principalIds: string[]): Promise<AgreementRow[]> {
  if (principalIds.length === 0) return [];
  return db
    .selectFrom('principal as p')
    .innerJoin('agreement as a', 'a.id', 'p.agreement_id')
    .select([
      'p.id as principalId',
      'a.name',
      'a.first_contact_days as firstContactDays',
      'a.first_meeting_days as firstMeetingDays',
      'a.local_first_meeting_days as localFirstMeetingDays',
      'a.schools_are_principals as schoolsArePrincipals',
    ])
    .where('p.id', 'in', principalIds)
    .execute();
}

export interface InboxRequestRow {
  id: string;
  reference: string;
  subjectName: string;
  sentAt: Date;
  principalNames: string;
  principalIds: string[];
}

/** Sent requests addressed to these principals, waiting for someone to take them; oldest first. */
export async function waitingRequests(db: Kysely<Database>, principalIds: string[]): Promise<InboxRequestRow[]> {
  if (principalIds.length === 0) return [];
  const rows = await db
    .selectFrom('sip_request as r')
    .innerJoin('person as p', 'p.id', 'r.subject_person_id')
    .innerJoin('sip_request_principal as rp', 'rp.request_id', 'r.id')
    .innerJoin('principal as pr', 'pr.id', 'rp.principal_id')
    .select([
      'r.id',
      'r.reference',
      personName('p').as('subjectName'),
      'r.sent_at as sentAt',
      sql<string>`string_agg(pr.name, ', ' order by pr.name)`.as('principalNames'),
      sql<string[]>`array_agg(pr.id)`.as('principalIds'),
    ])
    .where('r.status', '=', 'sent')
    .where('r.id', 'in', (eb) => eb.selectFrom('sip_request_principal').select('request_id').where('principal_id', 'in', principalIds))
    .groupBy(['r.id', 'r.reference', 'p.given_name', 'p.family_name', 'r.sent_at'])
    .orderBy('r.sent_at')
    .execute();
  return rows.map((r) => ({ ...r, sentAt: r.sentAt! }));
}

export interface RequestForStaffRow {
  id: string;
  reference: string;
  status: string;
  subjectPersonId: string;
  subjectName: string;
  subjectBirthDate: string;
  subjectEmail: string | null;
  submittedAs: string;
  submittedByName: string | null;
  answers: unknown;
  preferredStaffAccountId: string | null;
  sentAt: Date | null;
  createdAt: Date;
  declineReason: DeclineReason | null;
}

export async function requestForStaff(db: Kysely<Database>, id: string): Promise<RequestForStaffRow | undefined> {
  return db
    .selectFrom('sip_request as r')
    .innerJoin('person as p', 'p.id', 'r.subject_person_id')
    .leftJoin('person as s', 's.id', 'r.submitted_by_person_id')
    .select([
      'r.id',
      'r.reference',
      'r.status',
      'r.subject_person_id as subjectPersonId',
      personName('p').as('subjectName'),
      sql<string>`to_char(p.birth_date, 'YYYY-MM-DD')`.as('subjectBirthDate'),
      'p.email as subjectEmail',
      'r.submitted_as as submittedAs',
      sql<string | null>`case when s.id is null then null else s.given_name || ' ' || s.family_name end`.as('submittedByName'),
      'r.answers',
      'r.preferred_staff_account_id as preferredStaffAccountId',
      'r.sent_at as sentAt',
      'r.created_at as createdAt',
      'r.decline_reason as declineReason',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function principalIdsOfRequest(db: Kysely<Database>, requestId: string): Promise<string[]> {
  const rows = await db.selectFrom('sip_request_principal').select('principal_id').where('request_id', '=', requestId).execute();
  return rows.map((r) => r.principal_id);
}

export interface PrincipalRow {
  id: string;
  name: string;
  kind: 'municipality' | 'region' | 'school';
}

export async function principalsByIds(db: Kysely<Database>, ids: string[]): Promise<PrincipalRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('principal').select(['id', 'name', 'kind']).where('id', 'in', ids).orderBy('kind').orderBy('name').execute();
}

export interface UnitRow {
  id: string;
  name: string;
  principalId: string;
  principalName: string;
}

export async function unitsOfPrincipals(db: Kysely<Database>, principalIds: string[]): Promise<UnitRow[]> {
  if (principalIds.length === 0) return [];
  return db
    .selectFrom('unit as u')
    .innerJoin('principal as p', 'p.id', 'u.principal_id')
    .select(['u.id', 'u.name', 'u.principal_id as principalId', 'p.name as principalName'])
    .where('u.principal_id', 'in', principalIds)
    .orderBy('p.name')
    .orderBy('u.name')
    .execute();
}

export interface StaffRow {
  id: string;
  name: string;
  title: string | null;
  email: string | null;
  canCoordinate: boolean;
  unitId: string;
  unitName: string;
  principalId: string;
  principalName: string;
}

/** Active staff who are members of units of these principals (one row per membership). */
export async function staffOfPrincipals(db: Kysely<Database>, principalIds: string[]): Promise<StaffRow[]> {
  if (principalIds.length === 0) return [];
  return db
    .selectFrom('staff_account as s')
    .innerJoin('unit_membership as m', 'm.staff_account_id', 's.id')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .innerJoin('principal as p', 'p.id', 'u.principal_id')
    .select(['s.id', 's.name', 's.title', 's.email', 's.can_coordinate as canCoordinate', 'u.id as unitId', 'u.name as unitName', 'p.id as principalId', 'p.name as principalName'])
    .where('s.disabled_at', 'is', null)
    .where('m.role', '=', 'member')
    .where('u.principal_id', 'in', principalIds)
    .orderBy('p.name')
    .orderBy('u.name')
    .orderBy('s.name')
    .execute();
}

export async function staffNames(db: Kysely<Database>, ids: string[]): Promise<Map<string, { name: string; email: string | null; title: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('staff_account').select(['id', 'name', 'email', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, title: r.title }]));
}

export async function setRequestTaken(db: Kysely<Database>, requestId: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('sip_request').set({ status: 'received', received_at: at }).where('id', '=', requestId).where('status', '=', 'sent').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function declineRequest(db: Kysely<Database>, requestId: string, reason: DeclineReason, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('sip_request')
    .set({ status: 'closed', closed_at: at, closed_reason: 'declined', decline_reason: reason })
    .where('id', '=', requestId)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface NewPlan {
  reference: string;
  subjectPersonId: string;
  requestId: string | null;
  scope: PlanScope;
  clockStartedAt: Date;
  firstContactDays: number;
  firstMeetingDays: number;
  firstContactAt: Date | null;
  firstContactNote: string | null;
  takenBy: string;
  coordinator: string;
  draft: unknown;
  at: Date;
}

export async function insertPlan(db: Kysely<Database>, p: NewPlan, principalIds: string[], unitIds: string[]): Promise<string> {
  const { id } = await db
    .insertInto('plan')
    .values({
      reference: p.reference,
      subject_person_id: p.subjectPersonId,
      request_id: p.requestId,
      scope: p.scope,
      status: 'preparing',
      clock_started_at: p.clockStartedAt,
      first_contact_days: p.firstContactDays,
      first_meeting_days: p.firstMeetingDays,
      first_contact_at: p.firstContactAt,
      first_contact_note: p.firstContactNote,
      taken_by_staff_account_id: p.takenBy,
      coordinator_staff_account_id: p.coordinator,
      draft: JSON.stringify(p.draft),
      created_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (principalIds.length > 0) await db.insertInto('plan_principal').values(principalIds.map((principal_id) => ({ plan_id: id, principal_id }))).execute();
  await addPlanUnits(db, id, unitIds);
  return id;
}

export async function addPlanUnits(db: Kysely<Database>, planId: string, unitIds: string[]): Promise<void> {
  if (unitIds.length === 0) return;
  await db
    .insertInto('plan_unit')
    .values(unitIds.map((unit_id) => ({ plan_id: planId, unit_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface PlanRow {
  id: string;
  reference: string;
  subjectPersonId: string;
  subjectName: string;
  subjectBirthDate: string;
  subjectEmail: string | null;
  requestId: string | null;
  scope: PlanScope;
  status: PlanStatus;
  clockStartedAt: Date;
  firstContactDays: number;
  firstMeetingDays: number;
  firstContactAt: Date | null;
  firstContactNote: string | null;
  coordinatorStaffAccountId: string | null;
  coordinatorName: string | null;
  draft: unknown;
  draftRevision: number;
  draftUpdatedAt: Date | null;
  draftUpdatedByName: string | null;
  offeredVersion: number | null;
  activeVersion: number | null;
  firstMeetingHeldAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  closedReason: string | null;
}

function planQuery(db: Kysely<Database>) {
  return db
    .selectFrom('plan as pl')
    .innerJoin('person as p', 'p.id', 'pl.subject_person_id')
    .leftJoin('staff_account as c', 'c.id', 'pl.coordinator_staff_account_id')
    .leftJoin('staff_account as e', 'e.id', 'pl.draft_updated_by_staff_account_id')
    .select([
      'pl.id',
      'pl.reference',
      'pl.subject_person_id as subjectPersonId',
      personName('p').as('subjectName'),
      sql<string>`to_char(p.birth_date, 'YYYY-MM-DD')`.as('subjectBirthDate'),
      'p.email as subjectEmail',
      'pl.request_id as requestId',
      'pl.scope',
      'pl.status',
      'pl.clock_started_at as clockStartedAt',
      'pl.first_contact_days as firstContactDays',
      'pl.first_meeting_days as firstMeetingDays',
      'pl.first_contact_at as firstContactAt',
      'pl.first_contact_note as firstContactNote',
      'pl.coordinator_staff_account_id as coordinatorStaffAccountId',
      'c.name as coordinatorName',
      'pl.draft',
      'pl.draft_revision as draftRevision',
      'pl.draft_updated_at as draftUpdatedAt',
      'e.name as draftUpdatedByName',
      'pl.offered_version as offeredVersion',
      'pl.active_version as activeVersion',
      'pl.first_meeting_held_at as firstMeetingHeldAt',
      'pl.created_at as createdAt',
      'pl.closed_at as closedAt',
      'pl.closed_reason as closedReason',
    ]);
}

export async function findPlan(db: Kysely<Database>, id: string): Promise<PlanRow | undefined> {
  return planQuery(db).where('pl.id', '=', id).executeTakeFirst();
}

export async function planIdForRequest(db: Kysely<Database>, requestId: string): Promise<string | undefined> {
  return (await db.selectFrom('plan').select('id').where('request_id', '=', requestId).executeTakeFirst())?.id;
}

export async function planUnitIds(db: Kysely<Database>, planId: string): Promise<string[]> {
  const rows = await db.selectFrom('plan_unit').select('unit_id').where('plan_id', '=', planId).execute();
  return rows.map((r) => r.unit_id);
}

export async function planPrincipalIds(db: Kysely<Database>, planId: string): Promise<string[]> {
  const rows = await db.selectFrom('plan_principal').select('principal_id').where('plan_id', '=', planId).execute();
  return rows.map((r) => r.principal_id);
}

/** Open plans (not closed) of these units or coordinated by this staff member. */
export async function openPlansFor(db: Kysely<Database>, unitIds: string[], staffAccountId: string): Promise<PlanRow[]> {
  return planQuery(db)
    .where('pl.status', '<>', 'closed')
    .where((eb) => takesPart(eb, unitIds, staffAccountId))
    .orderBy('pl.clock_started_at')
    .execute();
}

/** The plan is coordinated by this staff member or one of these units takes part. */
function takesPart(eb: ExpressionBuilder<Database & { pl: Database['plan'] }, 'pl'>, unitIds: string[], staffAccountId: string) {
  return eb.or([
    eb('pl.coordinator_staff_account_id', '=', staffAccountId),
    ...(unitIds.length > 0 ? [eb('pl.id', 'in', eb.selectFrom('plan_unit').select('plan_id').where('unit_id', 'in', unitIds))] : []),
  ]);
}

/** Plans closed since `since` because consent was withdrawn, for those who took part (staff are told). */
export async function recentlyWithdrawnFor(db: Kysely<Database>, unitIds: string[], staffAccountId: string, since: Date): Promise<PlanRow[]> {
  return planQuery(db)
    .where('pl.status', '=', 'closed')
    .where('pl.closed_reason', '=', 'consentWithdrawn')
    .where('pl.closed_at', '>=', since)
    .where((eb) => takesPart(eb, unitIds, staffAccountId))
    .orderBy('pl.closed_at', 'desc')
    .execute();
}

/** Plans of these people (for their own pages), newest first. */
export async function plansOf(db: Kysely<Database>, subjectIds: string[]): Promise<PlanRow[]> {
  if (subjectIds.length === 0) return [];
  return planQuery(db).where('pl.subject_person_id', 'in', subjectIds).orderBy('pl.created_at', 'desc').execute();
}

/**
 * Saves the draft if nobody else saved since `expectedRevision` was read; returns the new revision,
 * or undefined when the plan changed in between (the caller shows the conflict).
 */
export async function saveDraft(db: Kysely<Database>, planId: string, draft: unknown, expectedRevision: number, by: string, at: Date, extra: { coordinator?: string | null; leadPrincipal?: string | null } = {}): Promise<number | undefined> {
  const row = await db
    .updateTable('plan')
    .set((eb) => ({
      draft: JSON.stringify(draft),
      draft_revision: eb('draft_revision', '+', 1),
      draft_updated_at: at,
      draft_updated_by_staff_account_id: by,
      ...(extra.coordinator !== undefined ? { coordinator_staff_account_id: extra.coordinator } : {}),
      ...(extra.leadPrincipal !== undefined ? { lead_principal_id: extra.leadPrincipal } : {}),
    }))
    .where('id', '=', planId)
    .where('draft_revision', '=', expectedRevision)
    .returning('draft_revision')
    .executeTakeFirst();
  return row?.draft_revision;
}

export async function recordFirstContact(db: Kysely<Database>, planId: string, at: Date, note: string): Promise<void> {
  await db.updateTable('plan').set({ first_contact_at: at, first_contact_note: note }).where('id', '=', planId).execute();
}

export interface VersionRow {
  version: number;
  content: unknown;
  offeredAt: Date;
  offeredByName: string | null;
  acceptedAt: Date | null;
  acceptedByName: string | null;
  changeRequest: string | null;
  changeRequestedAt: Date | null;
}

function versionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('plan_version as v')
    .leftJoin('staff_account as s', 's.id', 'v.offered_by_staff_account_id')
    .leftJoin('person as a', 'a.id', 'v.accepted_by_person_id')
    .select([
      'v.version',
      'v.content',
      'v.offered_at as offeredAt',
      's.name as offeredByName',
      'v.accepted_at as acceptedAt',
      sql<string | null>`case when a.id is null then null else a.given_name || ' ' || a.family_name end`.as('acceptedByName'),
      'v.change_request as changeRequest',
      'v.change_requested_at as changeRequestedAt',
    ]);
}

export async function versionsOf(db: Kysely<Database>, planId: string): Promise<VersionRow[]> {
  return versionQuery(db).where('v.plan_id', '=', planId).orderBy('v.version', 'desc').execute();
}

export async function findVersion(db: Kysely<Database>, planId: string, version: number): Promise<VersionRow | undefined> {
  return versionQuery(db).where('v.plan_id', '=', planId).where('v.version', '=', version).executeTakeFirst();
}

export async function latestVersionNumber(db: Kysely<Database>, planId: string): Promise<number | null> {
  const row = await db.selectFrom('plan_version').select((eb) => eb.fn.max('version').as('v')).where('plan_id', '=', planId).executeTakeFirst();
  return row?.v == null ? null : Number(row.v);
}

export async function insertVersion(db: Kysely<Database>, planId: string, version: number, content: unknown, by: string, at: Date): Promise<void> {
  await db.insertInto('plan_version').values({ plan_id: planId, version, content: JSON.stringify(content), offered_at: at, offered_by_staff_account_id: by }).execute();
  await db.updateTable('plan').set({ offered_version: version }).where('id', '=', planId).execute();
}

/** The person accepts the offered version: it becomes the active plan. False when it is no longer offered. */
export async function acceptVersion(db: Kysely<Database>, planId: string, version: number, byPersonId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('plan')
    .set({ status: 'active', active_version: version, offered_version: null })
    .where('id', '=', planId)
    .where('offered_version', '=', version)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.updateTable('plan_version').set({ accepted_at: at, accepted_by_person_id: byPersonId }).where('plan_id', '=', planId).where('version', '=', version).execute();
  return true;
}

/** The person asks for changes: the version is no longer offered; staff see the comment. */
export async function requestChanges(db: Kysely<Database>, planId: string, version: number, comment: string, byPersonId: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('plan').set({ offered_version: null }).where('id', '=', planId).where('offered_version', '=', version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('plan_version')
    .set({ change_request: comment, change_requested_at: at, change_requested_by_person_id: byPersonId })
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .execute();
  return true;
}

/** Consent withdrawn: every open plan of the person closes; returns the plans closed. */
export async function closePlansOf(db: Kysely<Database>, subjectPersonId: string, reason: 'consentWithdrawn', at: Date): Promise<{ id: string; coordinatorStaffAccountId: string | null; reference: string }[]> {
  return db
    .updateTable('plan')
    .set({ status: 'closed', closed_at: at, closed_reason: reason, offered_version: null })
    .where('subject_person_id', '=', subjectPersonId)
    .where('status', '<>', 'closed')
    .returning(['id', 'coordinator_staff_account_id as coordinatorStaffAccountId', 'reference'])
    .execute();
}

// Meetings and invitations

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
    ]);
}

export async function meetingsOf(db: Kysely<Database>, planId: string): Promise<MeetingRow[]> {
  return meetingQuery(db).where('m.plan_id', '=', planId).orderBy('m.starts_at').execute();
}

export async function findMeeting(db: Kysely<Database>, id: string): Promise<MeetingRow | undefined> {
  return meetingQuery(db).where('m.id', '=', id).executeTakeFirst();
}

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
    ]);
}

export async function invitationsOf(db: Kysely<Database>, meetingId: string): Promise<InvitationRow[]> {
  return invitationQuery(db).where('i.meeting_id', '=', meetingId).orderBy('i.created_at').execute();
}

export async function findInvitation(db: Kysely<Database>, id: string): Promise<InvitationRow | undefined> {
  return invitationQuery(db).where('i.id', '=', id).executeTakeFirst();
}

export async function insertInvitation(db: Kysely<Database>, i: Omit<InvitationRow, 'id' | 'answer' | 'substitute' | 'answeredAt' | 'sentAt'>, at: Date): Promise<string> {
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

export async function unitIdsOfStaff(db: Kysely<Database>, staffAccountId: string): Promise<string[]> {
  const rows = await db.selectFrom('unit_membership').select('unit_id').where('staff_account_id', '=', staffAccountId).execute();
  return rows.map((r) => r.unit_id);
}

export async function referenceTaken(db: Kysely<Database>, reference: string): Promise<boolean> {
  const [r, p] = await Promise.all([
    db.selectFrom('sip_request').select('id').where('reference', '=', reference).executeTakeFirst(),
    db.selectFrom('plan').select('id').where('reference', '=', reference).executeTakeFirst(),
  ]);
  return !!r || !!p;
}

/**
 * The principals a plan may involve: those in the same county agreement(s) as the plan's own
 * principals; schools only where the agreement makes them principals.
 */
export async function principalsSharingAgreement(db: Kysely<Database>, principalIds: string[]): Promise<PrincipalRow[]> {
  if (principalIds.length === 0) return [];
  return db
    .selectFrom('principal as p')
    .innerJoin('agreement as a', 'a.id', 'p.agreement_id')
    .select(['p.id', 'p.name', 'p.kind'])
    .where('p.agreement_id', 'in', (eb) => eb.selectFrom('principal').select('agreement_id').where('id', 'in', principalIds).where('agreement_id', 'is not', null))
    .where((eb) => eb.or([eb('p.kind', '<>', 'school'), eb('a.schools_are_principals', '=', true), eb('p.id', 'in', principalIds)]))
    .orderBy('p.kind')
    .orderBy('p.name')
    .execute();
}

export async function addPlanPrincipals(db: Kysely<Database>, planId: string, principalIds: string[]): Promise<void> {
  if (principalIds.length === 0) return;
  await db
    .insertInto('plan_principal')
    .values(principalIds.map((principal_id) => ({ plan_id: planId, principal_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function personByNumber(db: Kysely<Database>, personalIdentityNumber: string): Promise<{ id: string; givenName: string; familyName: string; email: string | null } | undefined> {
  return db
    .selectFrom('person')
    .select(['id', 'given_name as givenName', 'family_name as familyName', 'email'])
    .where('personal_identity_number', '=', personalIdentityNumber)
    .executeTakeFirst();
}
