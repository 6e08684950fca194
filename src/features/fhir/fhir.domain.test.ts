import { describe, expect, it } from 'vitest';
import type { CarePlan, CareTeam, Consent, Goal } from 'fhir/r4';
import { emptyContent } from '../plan/plan.domain.ts';
import { fhirSchemaErrors } from '../../../tests/support/fhir-schema.ts';
import {
  ASSESSMENT_EXTENSION_URL,
  PERSONNUMMER_SYSTEM,
  SAMORDNINGSNUMMER_SYSTEM,
  achievement,
  bundle,
  derivedId,
  dueDate,
  latestAssessments,
  operationOutcome,
  parseSubject,
  planEntries,
  type FhirPlanInput,
} from './fhir.domain.ts';

const PLAN = '3b0b3d0e-8f3c-4a53-9f7e-6f1c2a4b5d61';
const PERSON = '9d7f2a10-0c55-4c0e-8d53-0a7c3e2b1f42';
const REGION = 'a1a1a1a1-0000-4000-8000-000000000001';
const KOMMUN = 'a1a1a1a1-0000-4000-8000-000000000002';
const UNIT = 'b2b2b2b2-0000-4000-8000-000000000001';

function input(over: Partial<FhirPlanInput> = {}, plan: Partial<FhirPlanInput['plan']> = {}): FhirPlanInput {
  return {
    plan: { id: PLAN, reference: 'SIP-2026-0001', status: 'active', scope: 'regional', createdAt: new Date('2026-10-01T08:00:00Z'), closedAt: null, closedReason: null, subjectPersonId: PERSON, subjectName: 'Olle Uppföljare', coordinatorName: 'Rasmus Regionsson', leadPrincipalId: REGION, ...plan },
    content: emptyContent({
      currentSituation: 'Bor ensam.',
      personWishes: 'Bo kvar hemma.',
      needs: [{ id: 'n1', text: 'En fast kontakt' }],
      goals: [{ id: 'g1', text: 'Kommer till sina tider', subGoals: [{ id: 's1', text: 'Påminnelse dagen före' }] }, { id: 'g2', text: 'Har någon att ringa', subGoals: [] }],
      actions: [
        { id: 'a1', what: 'Sms-påminnelse', goalId: 'g1', responsibleKind: 'unit', unitId: UNIT, actorName: '', when: 'Från start', followUpDate: '2027-01-15' },
        { id: 'a2', what: 'Ringer själv', goalId: 'g2', responsibleKind: 'person', unitId: '', actorName: '', when: '', followUpDate: '' },
        { id: 'a3', what: 'Arbetsträning', goalId: '', responsibleKind: 'actor', unitId: '', actorName: 'Arbetsförmedlingen', when: 'Varje vecka', followUpDate: '' },
      ],
      followUpDate: '2027-02-01',
      leadPrincipalId: REGION,
    }),
    acceptedAt: new Date('2026-10-20T10:00:00Z'),
    personalIdentityNumber: '197205121730',
    principals: [{ id: REGION, name: 'Region Exempel' }, { id: KOMMUN, name: 'Exempelby kommun' }],
    unitNames: { [UNIT]: 'Vuxenpsykiatri, Region Exempel' },
    assessments: [
      { goalId: 'g1', subGoalId: '', value: 'notMet', decidedAt: new Date('2026-11-01T10:00:00Z') },
      { goalId: 'g1', subGoalId: '', value: 'partlyMet', decidedAt: new Date('2026-12-01T10:00:00Z') },
      { goalId: 'g1', subGoalId: 's1', value: 'met', decidedAt: new Date('2026-12-01T10:00:00Z') },
    ],
    consents: [{ id: 'c0c0c0c0-0000-4000-8000-000000000001', givenAt: new Date('2026-09-30T10:00:00Z'), withdrawnAt: null, givenByName: 'Olle Uppföljare', givenAs: 'self', textVersion: 'request-consent-2026-11', principalNames: ['Region Exempel', 'Exempelby kommun'] }],
    ...over,
  };
}

const resources = (i: FhirPlanInput) => planEntries(i, 'https://sip.example.se/api/fhir/R4', false).map((e) => e.resource!);
const carePlan = (i: FhirPlanInput) => resources(i)[0] as CarePlan;
const goals = (i: FhirPlanInput) => resources(i).filter((r): r is Goal => r.resourceType === 'Goal');

describe('a plan as a FHIR Bundle', () => {
  it('is valid against the official FHIR R4 JSON schema, in every state of the plan', () => {
    for (const i of [input(), input({}, { status: 'preparing' }), input({ personalIdentityNumber: null, consents: [], assessments: [] }, { status: 'closed', closedAt: new Date('2027-03-01T10:00:00Z'), closedReason: 'consentWithdrawn', coordinatorName: null }), input({ content: emptyContent() })]) {
      expect(fhirSchemaErrors(bundle('collection', planEntries(i, 'https://x/api/fhir/R4', false), new Date()))).toEqual([]);
      expect(fhirSchemaErrors(bundle('searchset', planEntries(i, 'https://x/api/fhir/R4', true), new Date(), 1))).toEqual([]);
    }
  });

  it('holds the CarePlan first, then a Goal per goal and sub-goal, the CareTeam and the Consent', () => {
    expect(resources(input()).map((r) => r.resourceType)).toEqual(['CarePlan', 'Goal', 'Goal', 'Goal', 'CareTeam', 'Consent']);
  });

  it('maps the plan: status, intent plan, the SIP category, period, needs, goals, actions with performer and time, notes', () => {
    const cp = carePlan(input());
    expect(cp).toMatchObject({ id: PLAN, status: 'active', intent: 'plan', title: 'SIP-2026-0001', period: { start: '2026-10-20T10:00:00.000Z' }, author: { display: 'Rasmus Regionsson' } });
    expect(cp.category![0]!.coding![0]!.code).toBe('SIP');
    expect(cp.addresses).toEqual([{ display: 'En fast kontakt' }]);
    expect(cp.goal).toHaveLength(3);
    expect(cp.activity!.map((a) => [a.detail!.description, a.detail!.performer![0]!.display, a.detail!.scheduledString])).toEqual([
      ['Sms-påminnelse', 'Vuxenpsykiatri, Region Exempel', 'Från start'],
      ['Ringer själv', 'Olle Uppföljare', undefined],
      ['Arbetsträning', 'Arbetsförmedlingen', 'Varje vecka'],
    ]);
    expect(cp.activity![0]!.detail!.goal![0]!.reference).toBe(`urn:uuid:${derivedId(PLAN, 'goal/g1/')}`);
    expect(cp.note!.map((n) => n.text)).toEqual(['Nuläge: Bor ensam.', 'Så vill personen ha det: Bo kvar hemma.']);
    expect(carePlan(input({}, { scope: 'local' })).category![0]!.coding![0]!.code).toBe('L-SIP');
  });

  it('says draft, active, completed or revoked (consent withdrawn) as the plan goes', () => {
    expect(carePlan(input({}, { status: 'preparing' })).status).toBe('draft');
    expect(carePlan(input({}, { status: 'closed', closedAt: new Date(), closedReason: 'goalsMet' })).status).toBe('completed');
    expect(carePlan(input({}, { status: 'closed', closedAt: new Date(), closedReason: 'consentWithdrawn' })).status).toBe('revoked');
  });

  it('takes the achievement from the latest assessment, with the exact Swedish value in our extension', () => {
    const [g1, s1, g2] = goals(input());
    expect(g1!.achievementStatus!.coding![0]!.code).toBe('improving');
    expect(g1!.extension!.find((e) => e.url === ASSESSMENT_EXTENSION_URL)!.valueCoding).toMatchObject({ code: 'delvis-uppfyllt', display: 'delvis uppfyllt' });
    expect(g1!.statusDate).toBe('2026-12-01');
    expect(s1!.achievementStatus!.coding![0]!.code).toBe('achieved');
    expect(g2!.achievementStatus).toBeUndefined();
    expect(g1!.target).toEqual([{ dueDate: '2027-01-15' }]);
    expect(g2!.target).toEqual([{ dueDate: '2027-02-01' }]);
  });

  it('maps met, partly met and not met to achieved, improving and not-achieved', () => {
    expect(achievement('met').achievementStatus.coding![0]!.code).toBe('achieved');
    expect(achievement('partlyMet').achievementStatus.coding![0]!.code).toBe('improving');
    expect(achievement('notMet').achievementStatus.coding![0]!.code).toBe('not-achieved');
    expect(achievement('notMet').extension.valueCoding!.display).toBe('inte uppfyllt');
  });

  it('names the coordinator and the lead principal in the CareTeam', () => {
    const team = resources(input()).find((r): r is CareTeam => r.resourceType === 'CareTeam')!;
    expect(team.participant!.map((p) => [p.role![0]!.coding![0]!.code, p.member!.display])).toEqual([
      ['coordinator', 'Rasmus Regionsson'],
      ['leadPrincipal', 'Region Exempel'],
      ['principal', 'Exempelby kommun'],
    ]);
  });

  it('shows the consent active, and inactive once withdrawn', () => {
    const consent = (i: FhirPlanInput) => resources(i).find((r): r is Consent => r.resourceType === 'Consent')!;
    expect(consent(input()).status).toBe('active');
    const withdrawn = consent(input({ consents: [{ ...input().consents[0]!, withdrawnAt: new Date('2027-01-01T10:00:00Z') }] }));
    expect(withdrawn.status).toBe('inactive');
    expect(withdrawn.provision!.period!.end).toBe('2027-01-01T10:00:00.000Z');
  });

  it('carries the personnummer only when given, under its official system', () => {
    expect(carePlan(input()).subject.identifier).toEqual({ system: PERSONNUMMER_SYSTEM, value: '197205121730' });
    expect(carePlan(input({ personalIdentityNumber: '197205721734' })).subject.identifier!.system).toBe(SAMORDNINGSNUMMER_SYSTEM);
    expect(JSON.stringify(resources(input({ personalIdentityNumber: null })))).not.toContain('19720512');
    expect(carePlan(input()).subject.reference).toBe(`Patient/${PERSON}`);
  });
});

describe('small rules', () => {
  it('derives stable, distinct UUIDs', () => {
    expect(derivedId(PLAN, 'goal/g1/')).toBe(derivedId(PLAN, 'goal/g1/'));
    expect(derivedId(PLAN, 'goal/g1/')).not.toBe(derivedId(PLAN, 'goal/g2/'));
    expect(derivedId(PLAN, 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('keeps the latest assessment per goal', () => {
    expect(latestAssessments(input().assessments).get('g1/')!.value).toBe('partlyMet');
  });
  it('has no due date without dates', () => {
    expect(dueDate(emptyContent({ goals: [{ id: 'g', text: 't', subGoals: [] }] }), 'g')).toBeUndefined();
  });
  it('reads the subject as the person\'s id, never anything else', () => {
    expect(parseSubject(`Patient/${PERSON}`)).toBe(PERSON);
    expect(parseSubject(PERSON.toUpperCase())).toBe(PERSON);
    expect(parseSubject('Patient/197205121730')).toBeUndefined();
    expect(parseSubject('')).toBeUndefined();
    expect(parseSubject(null)).toBeUndefined();
  });
  it('is checked by a schema that does refuse a wrong code or an unknown field', () => {
    const goal = goals(input())[0]!;
    expect(fhirSchemaErrors({ ...goal, lifecycleStatus: 'nope' } as never)).not.toEqual([]);
    expect(fhirSchemaErrors(bundle('collection', [{ resource: { ...goal, colour: 'red' } as never }], new Date()))).not.toEqual([]);
  });
  it('makes errors OperationOutcomes', () => {
    expect(fhirSchemaErrors(operationOutcome('not-found', 'No such resource.'))).toEqual([]);
  });
});
