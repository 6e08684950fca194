import { describe, expect, it } from 'vitest';
import { validateHandling, validateReport } from './deviation.domain.ts';

const ctx = (by: 'staff' | 'person') => ({ by, principalIds: new Set(['p1', 'p2']), absentInvitationIds: new Set(['i1']) });
const codes = (r: { ok: boolean; issues?: { field: string; code: string }[] }) => (r.ok ? [] : r.issues!.map((i) => `${i.field}:${i.code}`));

describe('deviation rules', () => {
  it('a person reports what happened to them; "no SIP was started" is for staff', () => {
    expect(validateReport({ type: 'poorTreatment', principalId: '', description: 'Ingen lyssnade.', invitationId: '' }, ctx('person')).ok).toBe(true);
    expect(codes(validateReport({ type: 'notInitiated', principalId: '', description: 'x', invitationId: '' }, ctx('person')))).toEqual(['type:required']);
    expect(validateReport({ type: 'notInitiated', principalId: 'p1', description: 'x', invitationId: '' }, ctx('staff')).ok).toBe(true);
  });

  it('the principal must be one of the plan\'s; staff must name it, a person may say they do not know', () => {
    expect(codes(validateReport({ type: 'other', principalId: '', description: 'x', invitationId: '' }, ctx('staff')))).toEqual(['principalId:required']);
    expect(codes(validateReport({ type: 'other', principalId: 'p9', description: 'x', invitationId: '' }, ctx('person')))).toEqual(['principalId:required']);
  });

  it('a noShow names an absent invitee of this plan, nothing else does', () => {
    expect(validateReport({ type: 'noShow', principalId: 'p1', description: 'Kom inte.', invitationId: 'i1' }, ctx('staff'))).toMatchObject({ ok: true, value: { invitationId: 'i1' } });
    expect(codes(validateReport({ type: 'noShow', principalId: 'p1', description: 'x', invitationId: 'i2' }, ctx('staff')))).toEqual(['invitationId:invalid']);
    expect(codes(validateReport({ type: 'other', principalId: 'p1', description: 'x', invitationId: 'i1' }, ctx('staff')))).toEqual(['invitationId:invalid']);
  });

  it('reported → investigating → closed; closing needs the answer; a closed case stays closed', () => {
    expect(validateHandling('reported', { step: 'investigate', investigation: 'Vi tittar.', answer: '' })).toMatchObject({ ok: true, value: { status: 'investigating' } });
    expect(codes(validateHandling('reported', { step: 'investigate', investigation: '', answer: '' }))).toEqual(['investigation:required']);
    expect(codes(validateHandling('investigating', { step: 'close', investigation: 'x', answer: '' }))).toEqual(['answer:required']);
    expect(validateHandling('investigating', { step: 'close', investigation: 'x', answer: 'Svar' })).toMatchObject({ ok: true, value: { status: 'closed' } });
    expect(codes(validateHandling('closed', { step: 'investigate', investigation: 'x', answer: '' }))).toEqual(['step:closed']);
  });
});
