import { describe, expect, it } from 'vitest';
import { consentScope, outsideScope, scopePrincipalIds, storedConsentScope } from './consent-scope.domain.ts';

describe('consentScope(required, given)', () => {
  it('is what the one person consented to', () => {
    expect(consentScope(['anna'], [{ personId: 'anna', principalIds: ['pR', 'pM'] }])).toEqual(['pM', 'pR']);
  });

  it('covers nothing while someone whose consent is needed has not given it (a relative asked; the other guardian)', () => {
    expect(consentScope(['anna'], [])).toEqual([]);
    expect(consentScope(['mother', 'father'], [{ personId: 'mother', principalIds: ['pM', 'pR'] }])).toEqual([]);
  });

  it('covers only what every guardian (and the child from 15) named', () => {
    const given = [
      { personId: 'mother', principalIds: ['pM', 'pR', 'pS'] },
      { personId: 'father', principalIds: ['pM', 'pR'] },
      { personId: 'child', principalIds: ['pM', 'pR', 'pS'] },
    ];
    expect(consentScope(['mother', 'father', 'child'], given)).toEqual(['pM', 'pR']);
  });

  it('grows when a person widens their consent with a new one', () => {
    const given = [
      { personId: 'anna', principalIds: ['pM', 'pR'] },
      { personId: 'anna', principalIds: ['pM', 'pR', 'pS'] },
    ];
    expect(consentScope(['anna'], given)).toEqual(['pM', 'pR', 'pS']);
  });

  it('falls back to the people who consented when no requirement was kept', () => {
    expect(consentScope([], [{ personId: 'olle', principalIds: ['pR'] }])).toEqual(['pR']);
    expect(consentScope([], [])).toEqual([]);
  });
});

describe('outsideScope and scopePrincipalIds', () => {
  it('names the principals the scope does not cover, once each', () => {
    expect(outsideScope(['pM', 'pR'], ['pM', 'pS', 'pS'])).toEqual(['pS']);
    expect(outsideScope(['pM'], [])).toEqual([]);
  });

  it('reads the ids of a stored scope and ignores anything malformed', () => {
    expect(scopePrincipalIds({ principals: [{ id: 'pM', name: 'Kommun' }, { name: 'no id' }, 'x', { id: 7 }] })).toEqual(['pM']);
    expect(scopePrincipalIds(null)).toEqual([]);
    expect(scopePrincipalIds({ principals: 'pM' })).toEqual([]);
  });
});

describe('storedConsentScope', () => {
  it('reads the stored scopes and decides as consentScope does', () => {
    const given = [{ personId: 'anna', scope: { principals: [{ id: 'pM', name: 'Kommun' }, { id: 'pR', name: 'Region' }] } }, { personId: 'anna', scope: null }];
    expect(storedConsentScope(['anna'], given)).toEqual(['pM', 'pR']);
    expect(storedConsentScope(['anna', 'bo'], given)).toEqual([]);
  });
});
