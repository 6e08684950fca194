import { describe, expect, it } from 'vitest';
import { addDays, combinedRules, daysBetween, deadline, firstMeetingDays, swedishDate, type AgreementRules } from './deadline.domain.ts';
import { heldable, meetingKeepsDeadline, nextMeeting, nextStep, swedishLocal, validateAnswer, validateInvitee, validateMeeting, type InviteeChoices, type MeetingFacts } from './meeting.domain.ts';
import {
  absentInvitees,
  emptyContent,
  missingForOffer,
  nextVersion,
  offerRefusal,
  responsibleUnitIds,
  validateContent,
  withoutEmptyRows,
  type PlanContent,
  type PlanContext,
} from './plan.domain.ts';

const halland: AgreementRules = { firstContactDays: 3, firstMeetingDays: 30, localFirstMeetingDays: null, schoolsArePrincipals: false };
const skovde: AgreementRules = { firstContactDays: 3, firstMeetingDays: 30, localFirstMeetingDays: 21, schoolsArePrincipals: true };
const codes = (issues: { field: string; code: string }[]) => issues.map((i) => `${i.field}:${i.code}`);

describe('deadlines per agreement', () => {
  it('counts calendar days in Swedish time from consent', () => {
    // 23:30 UTC on 31 Dec is already 1 January in Sweden.
    expect(swedishDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(addDays('2026-11-23', 30)).toBe('2026-12-23');
    expect(daysBetween('2026-11-23', '2026-12-23')).toBe(30);
  });

  it('gives 30 days for a regional plan in Halland and 21 for an L-SIP in Skövde', () => {
    expect(firstMeetingDays(halland, 'regional')).toBe(30);
    expect(firstMeetingDays(halland, 'local')).toBeNull();
    expect(firstMeetingDays(skovde, 'local')).toBe(21);
  });

  it('takes the strictest rules when principals belong to different agreements', () => {
    expect(combinedRules([halland, skovde])).toEqual({ firstContactDays: 3, firstMeetingDays: 30, localFirstMeetingDays: null, schoolsArePrincipals: false });
    expect(combinedRules([skovde, { ...skovde, firstMeetingDays: 25 }])?.firstMeetingDays).toBe(25);
    expect(combinedRules([])).toBeNull();
  });

  it('is on time, due today, overdue — and done once met', () => {
    const consent = new Date('2026-11-01T10:00:00Z');
    expect(deadline(consent, 30, new Date('2026-11-20T10:00:00Z'))).toEqual({ dueDate: '2026-12-01', daysLeft: 11, state: 'onTime' });
    expect(deadline(consent, 30, new Date('2026-12-01T08:00:00Z')).state).toBe('dueToday');
    expect(deadline(consent, 30, new Date('2026-12-02T08:00:00Z'))).toEqual({ dueDate: '2026-12-01', daysLeft: -1, state: 'overdue' });
    expect(deadline(consent, 30, new Date('2026-12-05T08:00:00Z'), new Date('2026-11-28T08:00:00Z')).state).toBe('done');
  });

  it('knows whether a meeting date keeps the deadline', () => {
    const d = deadline(new Date('2026-11-01T10:00:00Z'), 21, new Date('2026-11-02T10:00:00Z'));
    expect(meetingKeepsDeadline('2026-11-22', d)).toBe(true);
    expect(meetingKeepsDeadline('2026-11-23', d)).toBe(false);
  });
});

describe('the meeting and invitations', () => {
  const ok = { date: '2026-12-01', startTime: '09:00', endTime: '10:30', placeKind: 'service', location: 'Vårdcentralen, rum 3' };
  const morning = new Date('2026-11-23T09:00:00Z'); // 10:00 in Sweden
  it('accepts a future meeting and refuses the past, bad times and an end before the start', () => {
    expect(validateMeeting(ok, morning).ok).toBe(true);
    const bad = validateMeeting({ ...ok, date: '2026-11-22', startTime: '25:00', endTime: '08:00', placeKind: 'moon', location: '' }, morning);
    expect(bad.ok ? [] : codes(bad.issues)).toEqual(['date:inThePast', 'startTime:invalidTime', 'placeKind:required', 'location:required']);
    const before = validateMeeting({ ...ok, endTime: '08:00' }, morning);
    expect(before.ok ? [] : codes(before.issues)).toEqual(['endTime:beforeStart']);
    const invalid = validateMeeting({ ...ok, date: '2026-02-30' }, new Date('2026-01-01T09:00:00Z'));
    expect(invalid.ok ? [] : codes(invalid.issues)).toEqual(['date:invalidDate']);
  });

  it('refuses a meeting today at an hour that has already passed, and takes one later today', () => {
    const earlier = validateMeeting({ ...ok, date: '2026-11-23', startTime: '08:00', endTime: '09:00' }, morning);
    expect(earlier.ok ? [] : codes(earlier.issues)).toEqual(['startTime:inThePast']);
    const now = validateMeeting({ ...ok, date: '2026-11-23', startTime: '10:00', endTime: '11:00' }, morning);
    expect(now.ok ? [] : codes(now.issues)).toEqual(['startTime:inThePast']);
    expect(validateMeeting({ ...ok, date: '2026-11-23', startTime: '10:30', endTime: '11:00' }, morning).ok).toBe(true);
  });

  it('turns Swedish wall-clock time into instants, winter and summer', () => {
    expect(swedishLocal('2026-12-01', '09:00').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(swedishLocal('2026-06-01', '09:00').toISOString()).toBe('2026-06-01T07:00:00.000Z');
  });

  const choices = (extra: Partial<InviteeChoices> = {}): InviteeChoices => ({ staffIds: new Set(['s1', 's2', 'me']), outsideConsentStaffIds: new Set(['school']), alreadyInvitedStaff: new Set(), self: 'me', ...extra });
  const staffInvitee = (staffAccountId: string) => ({ kind: 'staff', staffAccountId, name: '', organisation: '', email: '' });

  it('invites staff once, and others by name with an optional valid e-mail', () => {
    expect(validateInvitee(staffInvitee('s1'), choices()).ok).toBe(true);
    const twice = validateInvitee(staffInvitee('s1'), choices({ alreadyInvitedStaff: new Set(['s1']) }));
    expect(twice.ok ? [] : codes(twice.issues)).toEqual(['staffAccountId:alreadyInvited']);
    const ext = validateInvitee({ kind: 'external', staffAccountId: '', name: '', organisation: '', email: 'nej' }, choices());
    expect(ext.ok ? [] : codes(ext.issues)).toEqual(['name:required', 'organisation:required', 'email:invalidEmail']);
    expect(validateInvitee({ kind: 'relative', staffAccountId: '', name: 'Bengt', organisation: '', email: '' }, choices()).ok).toBe(true);
  });

  it('refuses staff of a principal outside the person’s consent, an unknown id, and inviting oneself', () => {
    const outside = validateInvitee(staffInvitee('school'), choices());
    expect(outside.ok ? [] : codes(outside.issues)).toEqual(['staffAccountId:outsideConsent']);
    const unknown = validateInvitee(staffInvitee('00000000-0000-4000-8000-000000000000'), choices());
    expect(unknown.ok ? [] : codes(unknown.issues)).toEqual(['staffAccountId:required']);
    const self = validateInvitee(staffInvitee('me'), choices());
    expect(self.ok ? [] : codes(self.issues)).toEqual(['staffAccountId:self']);
  });

  it('needs an answer; a substitute only with "cannot come"', () => {
    expect(validateAnswer({ answer: '', substitute: '' }).ok).toBe(false);
    expect(validateAnswer({ answer: 'coming', substitute: 'Kalle' })).toEqual({ ok: true, value: { answer: 'coming', substitute: '' } });
  });
});

const ctx: PlanContext = { today: '2026-11-23', meetingDate: '2026-11-25', unitIds: new Set(['u1', 'u2']), principalIds: new Set(['p1']), coordinatorIds: new Set(['s1']) };

function complete(): PlanContent {
  return emptyContent({
    participants: [{ id: 'pa', name: 'Anna', represents: 'Personen', role: '', present: true }],
    needs: [{ id: 'n1', text: 'Stöd i vardagen' }],
    goals: [{ id: 'g1', text: 'Bo kvar hemma', subGoals: [{ id: 'sg1', text: 'Hemtjänst två gånger i veckan' }] }],
    actions: [{ id: 'a1', what: 'Hemtjänst', goalId: 'g1', responsibleKind: 'unit', unitId: 'u1', actorName: '', when: 'Från 1 december', followUpDate: '2027-01-15' }],
    followUpDate: '2027-02-01',
    coordinatorStaffAccountId: 's1',
    leadPrincipalId: 'p1',
  });
}

describe('the plan: validation', () => {
  it('drops rows left empty after "add another"', () => {
    const c = complete();
    c.needs.push({ id: 'n2', text: '' });
    c.goals.push({ id: 'g2', text: '', subGoals: [{ id: 'x', text: '' }] });
    c.actions.push({ id: 'a2', what: '', goalId: '', responsibleKind: '', unitId: '', actorName: '', when: '', followUpDate: '' });
    expect(withoutEmptyRows(c)).toEqual(complete());
  });

  it('refuses a goal without text, an action without a responsible, dates in the past and follow-up before the meeting', () => {
    const c = complete();
    c.goals.push({ id: 'g2', text: '', subGoals: [{ id: 's', text: 'Delmål utan mål' }] });
    c.actions.push({ id: 'a2', what: 'Samtal', goalId: '', responsibleKind: '', unitId: '', actorName: '', when: 'Varje vecka', followUpDate: '2026-11-01' });
    c.actions.push({ id: 'a3', what: 'Praktik', goalId: 'nope', responsibleKind: 'actor', unitId: '', actorName: '', when: 'Våren', followUpDate: '2026-11-24' });
    c.followUpDate = '2026-11-25';
    expect(codes(validateContent(c, ctx))).toEqual([
      'goals.1.text:required',
      'actions.1.responsibleKind:required',
      'actions.1.followUpDate:inThePast',
      'actions.2.goalId:invalid',
      'actions.2.actorName:required',
      'actions.2.followUpDate:beforeMeeting',
      'followUpDate:beforeMeeting',
    ]);
  });

  it('accepts only known units, coordinators and principals, and one chair', () => {
    const c = complete();
    c.actions[0]!.unitId = 'elsewhere';
    c.coordinatorStaffAccountId = 'stranger';
    c.leadPrincipalId = 'p9';
    c.participants.push({ id: 'pb', name: 'B', represents: '', role: 'chair', present: true }, { id: 'pc', name: 'C', represents: '', role: 'chair', present: true });
    expect(codes(validateContent(c, ctx))).toEqual(['participants:oneChair', 'actions.0.unitId:required', 'coordinatorStaffAccountId:invalid', 'leadPrincipalId:invalid']);
  });

  it('states length limits', () => {
    const c = complete();
    c.needs[0]!.text = 'x'.repeat(1001);
    expect(validateContent(c, ctx)).toEqual([{ field: 'needs.0.text', code: 'tooLong', params: { max: 1000 } }]);
  });
});

describe('the plan: completeness before it is offered to the person', () => {
  it('a complete plan lacks nothing', () => {
    expect(missingForOffer(complete())).toEqual([]);
  });

  it('lists what Uppsala asks for that is missing', () => {
    expect(missingForOffer(emptyContent())).toEqual(['participants', 'needs', 'goals', 'actions', 'principalAction', 'leadPrincipal', 'followUpDate', 'coordinator']);
    const c = complete();
    c.actions[0]!.responsibleKind = 'person';
    c.participants[0]!.present = false;
    expect(missingForOffer(c)).toEqual(['participants', 'principalAction']);
  });

  it('refuses an offer when closed, invalid, incomplete or unchanged, in that order', () => {
    const held = { firstMeetingHeld: true, personAbsent: false, personWishes: '' };
    expect(offerRefusal({ ...held, status: 'closed', issues: [], missing: [], sameAsLatestVersion: false })).toBe('closed');
    expect(offerRefusal({ ...held, status: 'preparing', issues: [{ field: 'x', code: 'required' }], missing: ['needs'], sameAsLatestVersion: false })).toBe('invalid');
    expect(offerRefusal({ ...held, status: 'preparing', issues: [], missing: ['needs'], sameAsLatestVersion: false })).toBe('incomplete');
    expect(offerRefusal({ ...held, status: 'active', issues: [], missing: [], sameAsLatestVersion: true })).toBe('unchanged');
    expect(offerRefusal({ ...held, status: 'active', issues: [], missing: [], sameAsLatestVersion: false })).toBeNull();
  });

  it('offers a plan only after its first meeting, and without the person only with their wishes written in', () => {
    const ready = { status: 'preparing' as const, issues: [], missing: [], sameAsLatestVersion: false };
    expect(offerRefusal({ ...ready, firstMeetingHeld: false, personAbsent: false, personWishes: 'Ett eget boende' })).toBe('meetingNotHeld');
    expect(offerRefusal({ ...ready, firstMeetingHeld: true, personAbsent: true, personWishes: '  ' })).toBe('wishesMissing');
    expect(offerRefusal({ ...ready, firstMeetingHeld: true, personAbsent: true, personWishes: 'Ett eget boende' })).toBeNull();
    expect(offerRefusal({ ...ready, firstMeetingHeld: true, personAbsent: false, personWishes: '' })).toBeNull();
  });
});

describe('the plan: versions and participants', () => {
  it('numbers versions from 1', () => {
    expect(nextVersion(null)).toBe(1);
    expect(nextVersion(3)).toBe(4);
  });

  it('finds invited participants who did not come, and the units responsible for actions', () => {
    const c = complete();
    c.participants.push({ id: 'x', name: 'FK', represents: 'Försäkringskassan', role: '', present: false, invitationId: 'i1' });
    c.participants.push({ id: 'y', name: 'Uninvited', represents: '', role: '', present: false });
    expect(absentInvitees(c).map((p) => p.name)).toEqual(['FK']);
    c.actions.push({ ...c.actions[0]!, id: 'a9', unitId: 'u2' }, { ...c.actions[0]!, id: 'a10' });
    expect(responsibleUnitIds(c)).toEqual(['u1', 'u2']);
  });
});

describe('next meeting and meetings to mark as held', () => {
  const at = (iso: string) => new Date(iso);
  const m = (kind: MeetingFacts['kind'], start: string, status: MeetingFacts['status'] = 'planned'): MeetingFacts & { name: string } => ({ name: `${kind}@${start}`, kind, startsAt: at(start), endsAt: new Date(at(start).getTime() + 3_600_000), status });
  const first = m('initial', '2026-12-15T08:00:00Z');
  const followUp = m('followUp', '2027-03-15T08:00:00Z');

  it('is the earliest planned meeting still ahead, of any kind: a booked first meeting stays next after a follow-up is booked', () => {
    expect(nextMeeting([followUp, first], 'active', at('2026-12-01T00:00:00Z'))?.name).toBe(first.name);
    expect(nextMeeting([first, followUp], 'active', at('2026-12-20T00:00:00Z'))?.name).toBe(followUp.name);
    expect(nextMeeting([m('initial', '2026-12-15T08:00:00Z', 'held'), m('followUp', '2027-01-01T08:00:00Z', 'cancelled')], 'active', at('2026-12-01T00:00:00Z'))).toBeUndefined();
  });

  it('is nothing on a closed plan, whatever is still booked', () => {
    expect(nextMeeting([first, followUp], 'closed', at('2026-12-01T00:00:00Z'))).toBeUndefined();
  });

  it('lets every planned meeting whose start has passed be marked held, the first meeting too', () => {
    expect(heldable([first, followUp], at('2026-12-15T07:59:00Z'))).toEqual([]);
    expect(heldable([first, followUp], at('2026-12-15T08:00:00Z')).map((x) => x.name)).toEqual([first.name]);
    expect(heldable([m('initial', '2026-12-15T08:00:00Z', 'held'), followUp], at('2027-04-01T00:00:00Z')).map((x) => x.name)).toEqual([followUp.name]);
  });
});

describe('the next step of a plan, as the person reads it', () => {
  const at = (iso: string) => new Date(iso);
  const meeting = { kind: 'followUp' as const, startsAt: at('2026-12-15T08:00:00Z'), endsAt: at('2026-12-15T09:00:00Z'), status: 'planned' as const };
  const base = { status: 'active' as const, meetings: [meeting], offered: false, followUpDate: '2027-06-15', now: at('2026-12-01T10:00:00Z') };

  it('is one step: a version to answer, else the next meeting, else the follow-up decided, else a meeting to book', () => {
    expect(nextStep({ ...base, offered: true })).toEqual({ kind: 'answerPlan' });
    expect(nextStep(base)).toEqual({ kind: 'meeting', meeting });
    expect(nextStep({ ...base, meetings: [] })).toEqual({ kind: 'followUp', dueDate: '2027-06-15', overdue: false });
    expect(nextStep({ ...base, meetings: [], now: at('2027-06-16T10:00:00Z') })).toEqual({ kind: 'followUp', dueDate: '2027-06-15', overdue: true });
    expect(nextStep({ ...base, status: 'preparing', meetings: [], followUpDate: null })).toEqual({ kind: 'meetingToBook' });
  });

  it('is nothing once the plan is closed, even with a meeting still booked', () => {
    expect(nextStep({ ...base, status: 'closed' })).toBeUndefined();
  });
});
