import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/server/config.ts';
import { ANSWER_DAYS } from '../feedback/feedback.domain.ts';
import { cutoffs, monthsBefore, readablePeriod, tokenRotationDue } from './retention.domain.ts';

const demo = { SIP_MODE: 'demo' };
const config = parseConfig(demo).retention;

describe('retention rules', () => {
  it('defaults to two years after closing, five years of audit log, 90 days for drafts and used tokens, a week for sessions', () => {
    expect(config).toEqual({ closedPlanMonths: 24, auditMonths: 60, draftDays: 90, sessionDays: 7, feedbackTokenDays: 90 });
  });

  it('refuses an audit period shorter than the plans are kept, or than a year, and a token period shorter than an invitation is open', () => {
    expect(() => parseConfig({ ...demo, RETENTION_CLOSED_PLAN_MONTHS: '36', RETENTION_AUDIT_MONTHS: '24' })).toThrow(/RETENTION_AUDIT_MONTHS must be at least/);
    expect(() => parseConfig({ ...demo, RETENTION_AUDIT_MONTHS: '11' })).toThrow(/RETENTION_AUDIT_MONTHS/);
    expect(() => parseConfig({ ...demo, RETENTION_FEEDBACK_TOKEN_DAYS: String(ANSWER_DAYS - 1) })).toThrow(/RETENTION_FEEDBACK_TOKEN_DAYS/);
    expect(parseConfig({ ...demo, RETENTION_FEEDBACK_TOKEN_DAYS: String(ANSWER_DAYS) }).retention.feedbackTokenDays).toBe(ANSWER_DAYS);
  });

  it('counts calendar months back, clamped to the end of a shorter month', () => {
    expect(monthsBefore(new Date('2027-03-31T12:00:00Z'), 1).toISOString()).toBe('2027-02-28T12:00:00.000Z');
    expect(monthsBefore(new Date('2028-03-31T12:00:00Z'), 1).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(monthsBefore(new Date('2027-06-01T00:00:00Z'), 24).toISOString()).toBe('2025-06-01T00:00:00.000Z');
  });

  it('ends a session for retention only after its own expiry plus the retention days', () => {
    const c = cutoffs(config, new Date('2027-06-10T00:00:00Z'));
    expect(c.closedPlansBefore.toISOString()).toBe('2025-06-10T00:00:00.000Z');
    expect(c.auditBefore.toISOString()).toBe('2022-06-10T00:00:00.000Z');
    expect(c.draftsBefore.toISOString()).toBe('2027-03-12T00:00:00.000Z');
    expect(c.sessionsIdleBefore.toISOString()).toBe('2027-06-02T23:30:00.000Z');
    expect(c.sessionsCreatedBefore.toISOString()).toBe('2027-06-02T12:00:00.000Z');
  });

  it('rotates used tokens at the first run and then once a period', () => {
    const now = new Date('2027-06-10T00:00:00Z');
    expect(tokenRotationDue(config, undefined, now)).toBe(true);
    expect(tokenRotationDue(config, new Date('2027-03-13T00:00:00Z'), now)).toBe(false);
    expect(tokenRotationDue(config, new Date('2027-03-12T00:00:00Z'), now)).toBe(true);
  });

  it('tells a period in years when it is whole years, otherwise in months', () => {
    expect(readablePeriod(24)).toEqual({ unit: 'year', count: 2 });
    expect(readablePeriod(18)).toEqual({ unit: 'month', count: 18 });
  });
});
