/**
 * The staff inbox: requests to my principals, the open plans of my units a page at a time, my
 * invitations, plans closed because consent was withdrawn, each with its deadlines.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { Actor } from '../access/access.domain.ts';
import { followUpDeadline } from '../follow-up/follow-up.domain.ts';
import { deadline, swedishDate, type AgreementRules, type Deadline } from './deadline.domain.ts';
import * as intake from './intake.repository.ts';
import * as meetings from './meeting.repository.ts';
import * as repo from './inbox.repository.ts';
import * as versionRepo from './version.repository.ts';
import { rulesFor, staffActor } from './plan.service.ts';

export interface InboxPlan extends repo.InboxPlanRow {
  firstContact: Deadline;
  firstMeeting: Deadline;
  waitingForPerson: boolean;
  changesRequested: boolean;
  /** The follow-up date of an active plan, overdue in words and red once it has passed. */
  followUp: Deadline | undefined;
}

/** Open plans per inbox page. */
export const INBOX_PAGE_SIZE = 50;
/**
 * Open plans are counted up to this many (or to the requested page); past it the inbox says "more than".
 * Five pages: counting a unit's 13 000 plans to print one number was half the inbox's database time.
 */
export const INBOX_COUNT_CAP = 250;
/** The highest page number taken from a URL. */
const MAX_PAGE = 100_000;

/** Where a page of the inbox's open plans lies; `total` and `pages` only when the count is exact. */
export interface InboxPlanPage {
  page: number;
  from: number;
  to: number;
  total: number | undefined;
  pages: number | undefined;
  /** With no exact total: there are more open plans than this. */
  moreThan: number | undefined;
  hasNext: boolean;
}

/**
 * Everything waiting for this staff member and their units; the open plans a page at a time (`page` from
 * 1; a page past the end gives the last one). The open plans are counted exactly up to `countCap` or the
 * end of the requested page, whichever is further; beyond that the page says "more than".
 */
export async function inbox(db: Kysely<Database>, actor: Actor, clock: Clock, page = 1, countCap = INBOX_COUNT_CAP) {
  const a = staffActor(actor);
  const now = clock.now();
  const waiting = await intake.waitingRequests(db, [...a.principalIds]);
  const requests = [];
  const rulesBySet = new Map<string, Promise<AgreementRules>>();
  for (const r of waiting) {
    const key = [...r.principalIds].sort().join(',');
    if (!rulesBySet.has(key)) rulesBySet.set(key, rulesFor(db, r.principalIds));
    const rules = await rulesBySet.get(key)!;
    requests.push({ ...r, firstContact: deadline(r.sentAt, rules.firstContactDays, now), firstMeeting: deadline(r.sentAt, rules.firstMeetingDays, now) });
  }
  const requested = Math.min(Math.max(1, Math.floor(page) || 1), MAX_PAGE);
  const countUpTo = Math.max(countCap, requested * INBOX_PAGE_SIZE) + 1;
  const pageAt = (n: number) => repo.openPlansPage(db, [...a.unitIds], a.staffAccountId, { limit: INBOX_PAGE_SIZE, offset: (n - 1) * INBOX_PAGE_SIZE }, countUpTo);
  let { rows, counted } = await pageAt(requested);
  const exact = counted < countUpTo;
  const pages = exact ? Math.max(1, Math.ceil(counted / INBOX_PAGE_SIZE)) : undefined;
  const current = pages === undefined ? requested : Math.min(requested, pages);
  if (current !== requested) ({ rows } = await pageAt(current));
  const latestVersions = await versionRepo.latestVersionsOf(db, rows.map((p) => p.id));
  const today = swedishDate(now);
  const plans: InboxPlan[] = [];
  for (const p of rows) {
    const latest = latestVersions.get(p.id);
    plans.push({
      ...p,
      firstContact: deadline(p.clockStartedAt, p.firstContactDays, now, p.firstContactAt),
      firstMeeting: deadline(p.clockStartedAt, p.firstMeetingDays, now, p.firstMeetingHeldAt),
      waitingForPerson: p.offeredVersion !== null,
      changesRequested: !!latest?.changeRequest && p.offeredVersion === null && latest.version !== p.activeVersion,
      followUp: p.status === 'active' && p.followUpDate ? followUpDeadline(p.followUpDate, today) : undefined,
    });
  }
  const invitations = await meetings.invitationsToStaff(db, a.staffAccountId);
  const withdrawn = await repo.recentlyWithdrawnFor(db, [...a.unitIds], a.staffAccountId, new Date(now.getTime() - 30 * 86_400_000));
  const planPage: InboxPlanPage = {
    page: current,
    from: rows.length === 0 ? 0 : (current - 1) * INBOX_PAGE_SIZE + 1,
    to: (current - 1) * INBOX_PAGE_SIZE + rows.length,
    total: exact ? counted : undefined,
    pages,
    moreThan: exact ? undefined : countUpTo - 1,
    hasNext: pages === undefined || current < pages,
  };
  return { requests, plans, planPage, invitations, withdrawn };
}
