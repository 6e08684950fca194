import { describe, expect, it } from 'vitest';
import { emptyContent } from '../plan/plan.domain.ts';
import { followUpDeadline, reminderDue, targetsOf, validateClosing, validateFollowUp, type FollowUpInput } from './follow-up.domain.ts';

const content = emptyContent({ goals: [{ id: 'g1', text: 'Bo kvar hemma', subGoals: [{ id: 's1', text: 'Hemtjänst varje dag' }] }, { id: 'g2', text: 'Arbeta', subGoals: [] }] });
const targets = targetsOf(content);
const input = (over: Partial<FollowUpInput> = {}): FollowUpInput => ({
  assessments: targets.map((t) => ({ key: t.key, staffValue: 'met', staffComment: '', personValue: '', personComment: '' })),
  attendance: {},
  decision: 'continue',
  nextDate: '2027-03-01',
  closingReason: '',
  note: '',
  ...over,
});
const codes = (r: ReturnType<typeof validateFollowUp>) => (r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`));

describe('follow-up rules', () => {
  it('assesses every goal and sub-goal, in the plan order', () => {
    expect(targets.map((t) => [t.key, t.parent])).toEqual([['g1', null], ['g1/s1', 'Bo kvar hemma'], ['g2', null]]);
  });

  it('continue needs a next date after today and within two years; revise too; close needs a reason', () => {
    expect(validateFollowUp(input(), targets, new Set(), '2027-01-10').ok).toBe(true);
    expect(codes(validateFollowUp(input({ nextDate: '' }), targets, new Set(), '2027-01-10'))).toEqual(['nextDate:required']);
    expect(codes(validateFollowUp(input({ nextDate: '2027-01-10' }), targets, new Set(), '2027-01-10'))).toEqual(['nextDate:notInFuture']);
    expect(codes(validateFollowUp(input({ nextDate: '2027-02-30' }), targets, new Set(), '2027-01-10'))).toEqual(['nextDate:invalidDate']);
    expect(codes(validateFollowUp(input({ nextDate: '2030-01-01' }), targets, new Set(), '2027-01-10'))).toEqual(['nextDate:tooFar']);
    expect(codes(validateFollowUp(input({ decision: 'revise', nextDate: '' }), targets, new Set(), '2027-01-10'))).toEqual(['nextDate:required']);
    expect(codes(validateFollowUp(input({ decision: 'close', nextDate: '' }), targets, new Set(), '2027-01-10'))).toEqual(['closingReason:required']);
    expect(codes(validateFollowUp(input({ decision: 'close', closingReason: 'other' }), targets, new Set(), '2027-01-10'))).toEqual(['note:required']);
    const closed = validateFollowUp(input({ decision: 'close', closingReason: 'moved', nextDate: '2027-05-01' }), targets, new Set(), '2027-01-10');
    expect(closed.ok && closed.value).toMatchObject({ decision: 'close', closingReason: 'moved', nextDate: null });
    expect(codes(validateFollowUp(input({ decision: 'stop' }), targets, new Set(), '2027-01-10'))).toEqual(['decision:required']);
  });

  it('refuses goals not in this plan, duplicates and missing ones; the person view may be left out but not invented', () => {
    const foreign = input({ assessments: [...input().assessments, { key: 'x', staffValue: 'met', staffComment: '', personValue: '', personComment: '' }] });
    expect(codes(validateFollowUp(foreign, targets, new Set(), '2027-01-10'))).toEqual(['assessments:unknownGoal']);
    const twice = input({ assessments: [...input().assessments, input().assessments[0]!] });
    expect(codes(validateFollowUp(twice, targets, new Set(), '2027-01-10'))).toEqual(['assessments:unknownGoal']);
    expect(codes(validateFollowUp(input({ assessments: input().assessments.slice(1) }), targets, new Set(), '2027-01-10'))).toEqual(['assessments:missing']);
    const person = input({ assessments: input().assessments.map((a, i) => (i === 0 ? { ...a, personValue: 'fine' } : a)) });
    expect(codes(validateFollowUp(person, targets, new Set(), '2027-01-10'))).toEqual(['assessments.0.personValue:invalid']);
  });

  it('attendance only for the meeting\'s invitations, yes or no', () => {
    const ok = validateFollowUp(input({ attendance: { a: 'yes', b: 'no', c: '' } }), targets, new Set(['a', 'b', 'c']), '2027-01-10');
    expect(ok.ok && ok.value.attendance).toEqual({ a: true, b: false });
    expect(codes(validateFollowUp(input({ attendance: { z: 'yes' } }), targets, new Set(['a']), '2027-01-10'))).toEqual(['attendance:invalid']);
  });

  it('reminders a week before, and once the date has passed; lateness in days', () => {
    expect(reminderDue('2027-02-01', '2027-01-24')).toBeNull();
    expect(reminderDue('2027-02-01', '2027-01-25')).toBe('before');
    expect(reminderDue('2027-02-01', '2027-02-01')).toBe('before');
    expect(reminderDue('2027-02-01', '2027-02-02')).toBe('overdue');
    expect(followUpDeadline('2027-02-01', '2027-02-03')).toEqual({ dueDate: '2027-02-01', daysLeft: -2, state: 'overdue' });
  });

  it('a closing proposal has a reason, and a note when the reason is "other"', () => {
    expect(validateClosing({ reason: 'goalsMet', note: '' }).ok).toBe(true);
    expect(validateClosing({ reason: 'consentWithdrawn', note: '' }).ok).toBe(false);
    expect(validateClosing({ reason: 'other', note: '' })).toEqual({ ok: false, issues: [{ field: 'note', code: 'required' }] });
  });
});
