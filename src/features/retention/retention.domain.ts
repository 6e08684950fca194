/**
 * Retention (gallring): what is due for removal at a moment, from the configured periods. Pure rules;
 * the repository deletes, the service runs one transaction per batch.
 *
 * The portal is a coordination tool: each principal documents the plan in its own records under its own
 * law (patientdatalagen, socialtjänstlagen, skollagen), so the portal keeps a closed plan only as long as
 * the person and the coordinators may need to look back at it.
 */
import type { RetentionConfig } from '../../shared/server/config.ts';
import { SESSION_INACTIVITY_MS, SESSION_MAX_AGE_MS } from '../access/session.domain.ts';

const DAY_MS = 86_400_000;

/**
 * The audit log cannot lose rows younger than this, whatever the configuration or the caller says: the
 * database trigger (migration 20261126T1100) enforces it against the server's clock.
 */
export const AUDIT_FLOOR_DAYS = 365;

/** Rows removed per transaction (a plan batch touches about 15 tables). */
export const PLAN_BATCH = 100;
export const AUDIT_BATCH = 10_000;

/** `at` moved back by whole calendar months (UTC), clamped to the month's last day (31 March − 1 = 28/29 Feb). */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export function daysBefore(at: Date, days: number): Date {
  return new Date(at.getTime() - days * DAY_MS);
}

export interface Cutoffs {
  /** Plans closed before this go, with everything on them and their request. */
  closedPlansBefore: Date;
  /** Requests closed without a plan before this go; so do requests still waiting for consent created before it. */
  requestsBefore: Date;
  /** Request drafts not changed since this go. */
  draftsBefore: Date;
  /** Sessions idle since this, or created before `sessionsCreatedBefore`, go (they ended `sessionDays` ago). */
  sessionsIdleBefore: Date;
  sessionsCreatedBefore: Date;
  /** Logins started and never finished before this go. */
  loginAttemptsBefore: Date;
  /** Audit events before this go (and never younger than AUDIT_FLOOR_DAYS, whatever this says). */
  auditBefore: Date;
}

/** What is due at `now` under `config`. */
export function cutoffs(config: RetentionConfig, now: Date): Cutoffs {
  const sessionEnded = daysBefore(now, config.sessionDays);
  const closed = monthsBefore(now, config.closedPlanMonths);
  return {
    closedPlansBefore: closed,
    requestsBefore: closed,
    draftsBefore: daysBefore(now, config.draftDays),
    sessionsIdleBefore: new Date(sessionEnded.getTime() - SESSION_INACTIVITY_MS),
    sessionsCreatedBefore: new Date(sessionEnded.getTime() - SESSION_MAX_AGE_MS),
    loginAttemptsBefore: sessionEnded,
    auditBefore: monthsBefore(now, config.auditMonths),
  };
}

/**
 * Used SIP-kollen tokens carry no time (README, "Why SIP-kollen cannot be traced"), so they are kept in
 * two halves: every `feedbackTokenDays` the older half is dropped and the newer becomes the older. A
 * token is thus kept between one and two periods after use — longer than an invitation stays open.
 */
export function tokenRotationDue(config: RetentionConfig, lastRotation: Date | undefined, now: Date): boolean {
  return !lastRotation || now.getTime() - lastRotation.getTime() >= config.feedbackTokenDays * DAY_MS;
}

/** A period for people to read: whole years when it is whole years, otherwise months. */
export function readablePeriod(months: number): { unit: 'year' | 'month'; count: number } {
  return months % 12 === 0 ? { unit: 'year', count: months / 12 } : { unit: 'month', count: months };
}
