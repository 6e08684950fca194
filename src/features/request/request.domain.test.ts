import { describe, expect, it } from 'vitest';
import {
  requestState,
  mayVisit,
  nextStep,
  validateConsent,
  validateContact,
  validateCoordinator,
  validateMeeting,
  validatePrincipals,
  validateProtected,
  validateSituation,
  validateWho,
  type RequestDraft,
} from './request.domain.ts';

const codes = (r: { ok: boolean; issues?: { field: string; code: string }[] }) => (r.ok ? [] : r.issues!.map((i) => `${i.field}:${i.code}`));
const now = new Date('2026-11-23T12:00:00Z');
const none = { children: [], represented: [] };
const who = { submittedAs: '', subjectPersonId: '', givenName: '', familyName: '', personalIdentityNumber: '' };

describe('protected identity', () => {
  it('must be answered yes or no', () => {
    expect(codes(validateProtected({ answer: '' }))).toEqual(['protectedIdentity:required']);
    expect(validateProtected({ answer: 'yes' })).toEqual({ ok: true, value: 'yes' });
  });
});

describe('who is asking', () => {
  it('needs an answer', () => {
    expect(codes(validateWho(who, none, { personalIdentityNumber: '' }, now))).toEqual(['submittedAs:required']);
  });

  it('a guardian picks one of their own children under 18; someone else’s id is refused', () => {
    const standings = { children: [{ personId: 'c1', age: 16 }], represented: [] };
    expect(codes(validateWho({ ...who, submittedAs: 'guardian' }, none, { personalIdentityNumber: '' }, now))).toEqual(['submittedAs:noChildren']);
    expect(codes(validateWho({ ...who, submittedAs: 'guardian' }, standings, { personalIdentityNumber: '' }, now))).toEqual(['child:required']);
    expect(codes(validateWho({ ...who, submittedAs: 'guardian', subjectPersonId: 'c2' }, standings, { personalIdentityNumber: '' }, now))).toEqual(['child:unknown']);
    expect(validateWho({ ...who, submittedAs: 'guardian', subjectPersonId: 'c1' }, standings, { personalIdentityNumber: '' }, now).ok).toBe(true);
  });

  it('a relative names an adult by a valid personnummer, not themselves', () => {
    const relative = { ...who, submittedAs: 'relative', givenName: 'Anna', familyName: 'E' };
    expect(codes(validateWho({ ...relative, givenName: '' }, none, { personalIdentityNumber: '' }, now))).toEqual(['givenName:required', 'personalIdentityNumber:required']);
    expect(codes(validateWho({ ...relative, personalIdentityNumber: '811218-9870' }, none, { personalIdentityNumber: '' }, now))).toEqual(['personalIdentityNumber:invalidPersonnummer']);
    expect(codes(validateWho({ ...relative, personalIdentityNumber: '811218-9876' }, none, { personalIdentityNumber: '198112189876' }, now))).toEqual(['personalIdentityNumber:isSelf']);
    expect(codes(validateWho({ ...relative, personalIdentityNumber: '20100605-2821' }, none, { personalIdentityNumber: '' }, now))).toEqual(['personalIdentityNumber:isChild']);
    const ok = validateWho({ ...relative, personalIdentityNumber: '811218-9876' }, none, { personalIdentityNumber: '' }, now);
    expect(ok).toEqual({ ok: true, value: { submittedAs: 'relative', relative: { givenName: 'Anna', familyName: 'E', personalIdentityNumber: '198112189876', birthDate: '1981-12-18' } } });
  });
});

describe('the other steps', () => {
  it('a contact needs the service; at most twenty', () => {
    expect(codes(validateContact({ service: '', name: '', reach: '' }, 0))).toEqual(['service:required']);
    expect(codes(validateContact({ service: 'Hemtjänst', name: '', reach: '' }, 20))).toEqual(['service:tooMany']);
    expect(validateContact({ service: 'Hemtjänst', name: 'Lisa', reach: '010-123' }, 3).ok).toBe(true);
  });

  it('my situation: three answers, at most 2000 characters each; the child’s view only for a child', () => {
    const long = 'x'.repeat(2001);
    expect(codes(validateSituation({ experience: '', needs: long, wishes: 'w', childView: long }, false))).toEqual(['experience:required', 'needs:tooLong']);
    expect(codes(validateSituation({ experience: 'e', needs: 'n', wishes: 'w', childView: long }, true))).toEqual(['childView:tooLong']);
  });

  it('principals: at least one known, or "I don’t know" with the home municipality', () => {
    const known = { municipalities: new Set(['m1']), all: new Set(['m1', 'r1']) };
    expect(codes(validatePrincipals({ principalIds: [], dontKnow: false, homeMunicipalityId: '' }, known))).toEqual(['principalIds:required']);
    expect(codes(validatePrincipals({ principalIds: ['x'], dontKnow: false, homeMunicipalityId: '' }, known))).toEqual(['principalIds:unknown']);
    expect(codes(validatePrincipals({ principalIds: [], dontKnow: true, homeMunicipalityId: 'r1' }, known))).toEqual(['homeMunicipalityId:unknown']);
    expect(validatePrincipals({ principalIds: ['m1', 'r1', 'm1'], dontKnow: false, homeMunicipalityId: '' }, known)).toEqual({ ok: true, value: { principalIds: ['m1', 'r1'], dontKnow: false } });
  });

  it('coordinator: a staff member from the list, or a written name', () => {
    const list = new Set(['s1']);
    expect(codes(validateCoordinator({ choice: '', staffAccountId: '', name: '' }, list))).toEqual(['coordinatorChoice:required']);
    expect(codes(validateCoordinator({ choice: 'staff', staffAccountId: 's9', name: '' }, list))).toEqual(['coordinatorStaffAccountId:unknown']);
    expect(codes(validateCoordinator({ choice: 'named', staffAccountId: '', name: '' }, list))).toEqual(['coordinatorName:required']);
    expect(validateCoordinator({ choice: 'none', staffAccountId: 's1', name: 'x' }, list)).toEqual({ ok: true, value: { choice: 'none', staffAccountId: '', name: '' } });
  });

  it('meeting: place and participation; who speaks for me when I will not take part', () => {
    const m = { place: '', placeOther: '', participation: '', spokesperson: '', relatives: '', interpreterLanguage: '', aids: '' };
    expect(codes(validateMeeting(m))).toEqual(['place:required', 'participation:required']);
    expect(codes(validateMeeting({ ...m, place: 'other', participation: 'no' }))).toEqual(['placeOther:required', 'spokesperson:required']);
    expect(validateMeeting({ ...m, place: 'digital', participation: 'yes', interpreterLanguage: 'arabiska' }).ok).toBe(true);
  });

  it('consent must be given, except by a relative, who cannot give it', () => {
    expect(codes(validateConsent({ agreed: false, receiptEmail: 'a@' }, 'self'))).toEqual(['agreed:required', 'receiptEmail:invalidEmail']);
    expect(validateConsent({ agreed: false, receiptEmail: '' }, 'relative')).toEqual({ ok: true, value: {} });
  });
});

describe('step order', () => {
  it('goes to the first unanswered step and does not let you skip ahead', () => {
    const draft: RequestDraft = { submittedAs: 'self', contacts: [] };
    expect(nextStep(draft)).toBe('situation');
    expect(mayVisit(draft, 'situation')).toBe(true);
    expect(mayVisit(draft, 'meeting')).toBe(false);
    expect(mayVisit(draft, 'check')).toBe(false);
    expect(mayVisit({}, 'who')).toBe(true);
    expect(nextStep({})).toBe('who');
  });
});

describe('the state of a request as the person reads it', () => {
  it('follows the plan it became, not "received" for ever', () => {
    expect(requestState('received', 'preparing')).toBe('planPreparing');
    expect(requestState('received', 'active')).toBe('planActive');
    expect(requestState('received', 'closed')).toBe('planClosed');
    expect(requestState('closed', 'closed', 'planCreated')).toBe('planClosed');
  });

  it('keeps its own status before a plan, and when it ended without one', () => {
    expect(requestState('sent', null)).toBe('sent');
    expect(requestState('awaitingConsent', null)).toBe('awaitingConsent');
    expect(requestState('closed', 'closed', 'declined')).toBe('closed');
    expect(requestState('closed', 'closed', 'consentWithdrawn')).toBe('closed');
  });
});
