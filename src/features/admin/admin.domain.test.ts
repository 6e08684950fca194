import { describe, expect, it } from 'vitest';
import { normalizeHsaId, validateManagerOf, validateMembership, validatePrincipal, validateStaffAccount, validateUnit } from './admin.domain.ts';

const codes = (r: { ok: boolean; issues?: { field: string; code: string }[] }) => (r.ok ? [] : r.issues!.map((i) => `${i.field}:${i.code}`));

describe('principal', () => {
  it('needs a name and one of the three kinds', () => {
    expect(codes(validatePrincipal({ name: '', kind: '' }))).toEqual(['name:required', 'kind:required']);
    expect(codes(validatePrincipal({ name: 'X', kind: 'county' }))).toEqual(['kind:unknown']);
    expect(codes(validatePrincipal({ name: 'x'.repeat(121), kind: 'region' }))).toEqual(['name:tooLong']);
    expect(validatePrincipal({ name: 'Region Exempel', kind: 'region' })).toEqual({ ok: true, value: { name: 'Region Exempel', kind: 'region' } });
  });
});

describe('unit', () => {
  it('belongs to a principal that exists', () => {
    const known = new Set(['p1']);
    expect(codes(validateUnit({ principalId: '', name: '' }, known))).toEqual(['principalId:required', 'name:required']);
    expect(codes(validateUnit({ principalId: 'p2', name: 'Hemtjänst' }, known))).toEqual(['principalId:unknown']);
    expect(validateUnit({ principalId: 'p1', name: 'Hemtjänst' }, known).ok).toBe(true);
  });
});

describe('HSA-id', () => {
  it('is SE, ten digits, a hyphen and a local part; stored upper case without spaces', () => {
    expect(normalizeHsaId('se2321000016-15a3')).toBe('SE2321000016-15A3');
    expect(normalizeHsaId(' SE2321000016-15A3 ')).toBe('SE2321000016-15A3');
    expect(normalizeHsaId('SE232100001-15A3')).toBeUndefined();
    expect(normalizeHsaId('NO2321000016-15A3')).toBeUndefined();
    expect(normalizeHsaId('SE2321000016-')).toBeUndefined();
    expect(normalizeHsaId('SE2321000016-1/5')).toBeUndefined();
  });
});

describe('staff account', () => {
  const base = { name: 'Karin K', hsaId: 'SE2321000016-K001', email: '', title: '', worksWith: '', canCoordinate: false, isAdmin: false };
  it('needs a name and a valid HSA-id; e-mail, title and "works with" are optional', () => {
    expect(codes(validateStaffAccount({ ...base, name: '', hsaId: '' }))).toEqual(['name:required', 'hsaId:required']);
    expect(codes(validateStaffAccount({ ...base, hsaId: '199001011234' }))).toEqual(['hsaId:invalidHsaId']);
    expect(codes(validateStaffAccount({ ...base, email: 'karin@' }))).toEqual(['email:invalidEmail']);
    expect(codes(validateStaffAccount({ ...base, worksWith: 'x'.repeat(201) }))).toEqual(['worksWith:tooLong']);
    const ok = validateStaffAccount({ ...base, hsaId: 'se2321000016-k001', email: 'karin@exempelby.se', canCoordinate: true });
    expect(ok).toEqual({ ok: true, value: { ...base, hsaId: 'SE2321000016-K001', email: 'karin@exempelby.se', title: null, worksWith: null, canCoordinate: true } });
  });
});

describe('membership and manager role', () => {
  it('name a known unit and role, or a known principal', () => {
    const units = new Set(['u1']);
    expect(codes(validateMembership({ unitId: '', role: '' }, units))).toEqual(['unitId:required', 'role:required']);
    expect(codes(validateMembership({ unitId: 'u9', role: 'boss' }, units))).toEqual(['unitId:unknown', 'role:unknown']);
    expect(validateMembership({ unitId: 'u1', role: 'deviationHandler' }, units).ok).toBe(true);
    expect(codes(validateManagerOf({ principalId: 'p9' }, new Set(['p1'])))).toEqual(['managerPrincipalId:unknown']);
  });
});

describe('names that reach the statistics CSV', () => {
  const controls = ['\n', '\r', '\t', '\u2028', '\u2029', '\u0000', '\u007f', '\u0085', '\u000b'];
  it.each(controls.map((c) => [JSON.stringify(c), c]))('refuse %s inside a principal, unit or staff name, title or "works with"', (_, c) => {
    const evil = `Hemtjänst${c}=HYPERLINK("https://evil.example")`;
    expect(codes(validatePrincipal({ name: evil, kind: 'region' }))).toEqual(['name:controlCharacters']);
    expect(codes(validateUnit({ principalId: 'p1', name: evil }, new Set(['p1'])))).toEqual(['name:controlCharacters']);
    const staff = { name: evil, hsaId: 'SE2321000016-K001', email: '', title: evil, worksWith: evil, canCoordinate: false, isAdmin: false };
    expect(codes(validateStaffAccount(staff))).toEqual(['name:controlCharacters', 'title:controlCharacters', 'worksWith:controlCharacters']);
  });
  it('accept ordinary names with spaces, hyphens and letters of any script', () => {
    expect(validateUnit({ principalId: 'p1', name: 'Barn- och ungdomspsykiatri (BUP) – Väst' }, new Set(['p1'])).ok).toBe(true);
    expect(validatePrincipal({ name: 'منطقة هالاند', kind: 'region' }).ok).toBe(true);
  });
});
