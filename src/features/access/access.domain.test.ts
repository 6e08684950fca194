import { describe, expect, it } from 'vitest';
import { can, type Action, type Actor, type Resource } from './access.domain.ts';

const none = new Set<string>();
const person = (id: string, extra: Partial<Extract<Actor, { kind: 'person' }>> = {}): Actor => ({
  kind: 'person', personId: id, sharedWithMe: none, guardianOf: none, representativeOf: none, ...extra,
});
const staff = (id: string, extra: Partial<Extract<Actor, { kind: 'staff' }>> = {}): Actor => ({
  kind: 'staff', staffAccountId: id, unitIds: none, principalIds: none, deviationHandlerUnitIds: none,
  managerOfPrincipalIds: none, isAdmin: false, ...extra,
});

const actors: Record<string, Actor> = {
  anonymous: { kind: 'anonymous' },
  anna: person('anna'),
  bertil: person('bertil'),
  relativeOfAnna: person('rel', { sharedWithMe: new Set(['anna']) }),
  guardianOfChild: person('parent', { guardianOf: new Set(['child']) }),
  representativeOfAnna: person('godman', { representativeOf: new Set(['anna']) }),
  staffMunicipality: staff('s1', { unitIds: new Set(['uM']), principalIds: new Set(['pM']) }),
  staffRegion: staff('s2', { unitIds: new Set(['uR']), principalIds: new Set(['pR']) }),
  staffSchool: staff('s3', { unitIds: new Set(['uS']), principalIds: new Set(['pS']) }),
  coordinator: staff('coord', { unitIds: new Set(['uM2']), principalIds: new Set(['pM']) }),
  /** The coordinator after leaving every unit of the plan (still named as its coordinator). */
  coordinatorWhoLeft: staff('coord', { unitIds: new Set(['uX']), principalIds: new Set(['pX']) }),
  systemOfSchool: { kind: 'system', apiClientId: 'api', principalId: 'pS', unitIds: new Set(['uS']) },
  systemOfRegion: { kind: 'system', apiClientId: 'api2', principalId: 'pR', unitIds: new Set(['uR']) },
  handlerM: staff('h1', { unitIds: new Set(['uM']), principalIds: new Set(['pM']), deviationHandlerUnitIds: new Set(['uM']) }),
  managerM: staff('m1', { managerOfPrincipalIds: new Set(['pM']) }),
  admin: staff('a1', { isAdmin: true }),
};

const resources: Record<string, Resource> = {
  annasRecord: { type: 'personRecord', personId: 'anna' },
  childsRecord: { type: 'personRecord', personId: 'child' },
  annasRequestToM: { type: 'request', subjectPersonId: 'anna', principalId: 'pM', consentPrincipalIds: ['pM', 'pR'] },
  /** Asked by a relative: Anna has not consented yet, so no principal is covered. */
  annasRequestAwaitingConsent: { type: 'request', subjectPersonId: 'anna', principalId: 'pM', consentPrincipalIds: [] },
  annasPlan: { type: 'plan', subjectPersonId: 'anna', units: [{ id: 'uM', principalId: 'pM' }, { id: 'uM2', principalId: 'pM' }, { id: 'uR', principalId: 'pR' }], consentPrincipalIds: ['pM', 'pR'] },
  /** A school unit got onto the plan though Anna's consent names only the municipality and the region. */
  annasPlanWithSchoolOutsideConsent: { type: 'plan', subjectPersonId: 'anna', units: [{ id: 'uM', principalId: 'pM' }, { id: 'uS', principalId: 'pS' }], consentPrincipalIds: ['pM', 'pR'] },
  /** Anna withdrew her consent: the scope is empty. */
  annasPlanAfterWithdrawal: { type: 'plan', subjectPersonId: 'anna', units: [{ id: 'uM', principalId: 'pM' }, { id: 'uR', principalId: 'pR' }], consentPrincipalIds: [] },
  annasDeviation: { type: 'deviation', subjectPersonId: 'anna', unitIds: ['uM'] },
  statsM: { type: 'statistics', principalIds: ['pM'] },
  statsMR: { type: 'statistics', principalIds: ['pM', 'pR'] },
  statsNone: { type: 'statistics', principalIds: [] },
  admin: { type: 'administration' },
};

// [actor, action, resource, expected]
const table: [string, Action, string, boolean][] = [
  ['anonymous', 'read', 'annasRecord', false],
  ['anonymous', 'read', 'statsM', false],
  ['anna', 'read', 'annasRecord', true],
  ['anna', 'decide', 'annasRecord', true],
  ['anna', 'write', 'annasRequestToM', true],
  ['anna', 'read', 'annasPlan', true],
  ['anna', 'write', 'annasDeviation', true],
  ['anna', 'handle', 'annasDeviation', false],
  ['anna', 'read', 'statsM', false],
  ['anna', 'read', 'admin', false],
  ['bertil', 'read', 'annasRecord', false],
  ['bertil', 'read', 'annasPlan', false],
  ['bertil', 'read', 'annasRequestToM', false],
  ['relativeOfAnna', 'read', 'annasPlan', true],
  ['relativeOfAnna', 'write', 'annasPlan', false],
  ['relativeOfAnna', 'decide', 'annasRecord', false],
  ['relativeOfAnna', 'read', 'annasDeviation', false],
  ['relativeOfAnna', 'read', 'childsRecord', false],
  ['guardianOfChild', 'read', 'childsRecord', true],
  ['guardianOfChild', 'decide', 'childsRecord', true],
  ['guardianOfChild', 'read', 'annasRecord', false],
  ['representativeOfAnna', 'decide', 'annasRecord', true],
  ['representativeOfAnna', 'write', 'annasDeviation', true],
  ['staffMunicipality', 'read', 'annasRequestToM', true],
  ['staffRegion', 'read', 'annasRequestToM', false],
  ['staffMunicipality', 'read', 'annasPlan', true],
  ['staffRegion', 'write', 'annasPlan', true],
  ['staffSchool', 'read', 'annasPlan', false],
  ['coordinator', 'write', 'annasPlan', true],
  ['coordinatorWhoLeft', 'read', 'annasPlan', false],
  ['coordinatorWhoLeft', 'write', 'annasPlan', false],
  ['staffSchool', 'read', 'annasPlanWithSchoolOutsideConsent', false],
  ['staffSchool', 'write', 'annasPlanWithSchoolOutsideConsent', false],
  ['staffMunicipality', 'read', 'annasPlanWithSchoolOutsideConsent', true],
  ['systemOfSchool', 'read', 'annasPlanWithSchoolOutsideConsent', false],
  ['systemOfRegion', 'read', 'annasPlan', true],
  ['systemOfRegion', 'write', 'annasPlan', false],
  ['staffMunicipality', 'read', 'annasPlanAfterWithdrawal', false],
  ['staffRegion', 'write', 'annasPlanAfterWithdrawal', false],
  ['systemOfRegion', 'read', 'annasPlanAfterWithdrawal', false],
  ['anna', 'read', 'annasPlanAfterWithdrawal', true],
  ['staffMunicipality', 'read', 'annasRequestAwaitingConsent', false],
  ['anna', 'read', 'annasRequestAwaitingConsent', true],
  ['staffMunicipality', 'read', 'annasRecord', false],
  ['staffMunicipality', 'decide', 'annasRecord', false],
  ['staffMunicipality', 'write', 'annasDeviation', true],
  ['staffMunicipality', 'handle', 'annasDeviation', false],
  ['staffRegion', 'write', 'annasDeviation', false],
  ['handlerM', 'handle', 'annasDeviation', true],
  ['handlerM', 'read', 'annasDeviation', true],
  ['managerM', 'read', 'statsM', true],
  ['managerM', 'read', 'statsMR', false],
  ['managerM', 'read', 'statsNone', false],
  ['managerM', 'read', 'annasPlan', false],
  ['managerM', 'read', 'annasRequestToM', false],
  ['staffMunicipality', 'read', 'statsM', false],
  ['admin', 'write', 'admin', true],
  ['admin', 'read', 'annasPlan', false],
  ['admin', 'read', 'annasRecord', false],
  ['admin', 'read', 'statsM', false],
  ['staffMunicipality', 'write', 'admin', false],
];

describe('can(actor, action, resource)', () => {
  it.each(table)('%s %s %s → %s', (actor, action, resource, expected) => {
    expect(can(actors[actor]!, action, resources[resource]!)).toBe(expected);
  });

  it('refuses everything to an anonymous visitor, whatever the action or resource', () => {
    for (const r of Object.values(resources)) {
      for (const a of ['read', 'write', 'decide', 'handle'] as const) expect(can(actors.anonymous!, a, r)).toBe(false);
    }
  });

  it('never lets a manager or an admin read any one person', () => {
    for (const who of ['managerM', 'admin']) {
      for (const r of ['annasRecord', 'annasRequestToM', 'annasPlan', 'annasDeviation']) {
        for (const a of ['read', 'write', 'decide', 'handle'] as const) expect(can(actors[who]!, a, resources[r]!), `${who} ${a} ${r}`).toBe(false);
      }
    }
  });
});
