import { describe, expect, it } from 'vitest';
import { validateShare } from './sharing.domain.ts';

const now = new Date('2026-11-23T12:00:00Z');
const codes = (r: { ok: boolean; issues?: { field: string; code: string }[] }) => (r.ok ? [] : r.issues!.map((i) => `${i.field}:${i.code}`));

describe('sharing with a relative', () => {
  it('needs a name and a valid personnummer that is not your own', () => {
    expect(codes(validateShare({ givenName: '', familyName: '', personalIdentityNumber: '' }, '', now))).toEqual(['givenName:required', 'familyName:required', 'personalIdentityNumber:required']);
    expect(codes(validateShare({ givenName: 'B', familyName: 'E', personalIdentityNumber: '811218-9870' }, '', now))).toEqual(['personalIdentityNumber:invalidPersonnummer']);
    expect(codes(validateShare({ givenName: 'B', familyName: 'E', personalIdentityNumber: '811218-9876' }, '198112189876', now))).toEqual(['personalIdentityNumber:isSelf']);
    expect(validateShare({ givenName: 'B', familyName: 'E', personalIdentityNumber: '19811218-9876' }, '', now)).toEqual({
      ok: true,
      value: { givenName: 'B', familyName: 'E', personalIdentityNumber: '198112189876', birthDate: '1981-12-18' },
    });
  });
});
