import { describe, expect, it } from 'vitest';
import type { Actor } from './access.domain.ts';
import { roleHome, roleNav } from './role-home.domain.ts';

const none = new Set<string>();
const person: Actor = { kind: 'person', personId: 'anna', sharedWithMe: none, guardianOf: none, representativeOf: none };
const staff = (extra: Partial<Extract<Actor, { kind: 'staff' }>> = {}): Actor => ({
  kind: 'staff', staffAccountId: 's', unitIds: none, principalIds: none, deviationHandlerUnitIds: none, managerOfPrincipalIds: none, isAdmin: false, ...extra,
});
const unitStaff = staff({ unitIds: new Set(['u']), principalIds: new Set(['p']) });
const paths = (a: Actor) => roleNav(a).map((i) => i.path);

describe('each role has its home and its navigation', () => {
  it('a person lands on My SIP and sees the public pages too', () => {
    expect(roleHome(person)).toBe('/my');
    expect(paths(person)).toEqual(['/', '/what-is-sip', '/for-relatives', '/request', '/my']);
  });

  it('staff of a unit land in the inbox and never see the citizens\' menu', () => {
    expect(roleHome(unitStaff)).toBe('/staff');
    expect(paths(unitStaff)).toEqual(['/staff', '/staff/start', '/account']);
  });

  it('a deviation handler also gets the deviations', () => {
    expect(paths(staff({ unitIds: new Set(['u']), deviationHandlerUnitIds: new Set(['u']) }))).toContain('/staff/deviations');
  });

  it('a manager without a unit lands on the dashboard, an admin in administration', () => {
    const manager = staff({ managerOfPrincipalIds: new Set(['p']) });
    expect(roleHome(manager)).toBe('/manager');
    expect(paths(manager)).toEqual(['/manager', '/account']);
    const admin = staff({ isAdmin: true });
    expect(roleHome(admin)).toBe('/admin');
    expect(paths(admin)).toEqual(['/admin', '/account']);
  });

  it('a staff account with no role at all lands on its account page; nobody logged in on the start page', () => {
    expect(roleHome(staff())).toBe('/account');
    expect(roleHome({ kind: 'anonymous' })).toBe('/');
    expect(paths({ kind: 'anonymous' })).not.toContain('/my');
  });
});
