/**
 * A plan as HL7 FHIR R4: a Bundle with the CarePlan, a Goal per goal and sub-goal, the CareTeam and the
 * person's Consent. Pure mapping from what the services read; the types come from @types/fhir. Codes and
 * extensions of our own live under FHIR_BASE_URI (README "FHIR API").
 */
import type { Bundle, BundleEntry, CarePlan, CarePlanActivity, CodeableConcept, Extension, Goal, OperationOutcome, Reference, FhirResource } from 'fhir/r4';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { GoalValue } from '../../../db/schema.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { isDate, type PlanContent, type PlanStatus } from '../plan/plan.domain.ts';
import { swedishDate } from '../plan/deadline.domain.ts';
import { careTeamResource, consentResource, type FhirConsentInput } from './fhir-team.domain.ts';

/** The canonical base of the portal's own code systems and extensions. */
export const FHIR_BASE_URI = 'https://sip-portalen.se/fhir';
/** The exact Swedish follow-up assessment of a goal (måluppfyllelse), beside FHIR's achievementStatus. */
export const ASSESSMENT_EXTENSION_URL = `${FHIR_BASE_URI}/StructureDefinition/maluppfyllelse`;
export const ASSESSMENT_CODE_SYSTEM = `${FHIR_BASE_URI}/CodeSystem/maluppfyllelse`;
export const PLAN_TYPE_SYSTEM = `${FHIR_BASE_URI}/CodeSystem/plan-type`;
export const PLAN_REFERENCE_SYSTEM = `${FHIR_BASE_URI}/sid/plan-reference`;
/** HL7 Sweden's identifier systems for personnummer and samordningsnummer. */
export const PERSONNUMMER_SYSTEM = 'http://electronichealth.se/identifier/personnummer';
export const SAMORDNINGSNUMMER_SYSTEM = 'http://electronichealth.se/identifier/samordningsnummer';
const GOAL_ACHIEVEMENT_SYSTEM = 'http://terminology.hl7.org/CodeSystem/goal-achievement';
const GOAL_RELATIONSHIP_URL = 'http://hl7.org/fhir/StructureDefinition/goal-relationship';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Staff's assessment → FHIR achievementStatus, and the Swedish words of the routine. */
export const ACHIEVEMENT: Record<GoalValue, { fhir: 'achieved' | 'improving' | 'not-achieved'; display: string; code: string; swedish: string }> = {
  met: { fhir: 'achieved', display: 'Achieved', code: 'uppfyllt', swedish: 'uppfyllt' },
  partlyMet: { fhir: 'improving', display: 'Improving', code: 'delvis-uppfyllt', swedish: 'delvis uppfyllt' },
  notMet: { fhir: 'not-achieved', display: 'Not Achieved', code: 'inte-uppfyllt', swedish: 'inte uppfyllt' },
};

export interface AssessmentInput {
  goalId: string;
  /** '' for the goal itself. */
  subGoalId: string;
  value: GoalValue;
  decidedAt: Date;
}

export interface FhirPlanInput {
  plan: {
    id: string;
    reference: string;
    status: PlanStatus;
    scope: 'regional' | 'local';
    createdAt: Date;
    closedAt: Date | null;
    closedReason: string | null;
    subjectPersonId: string;
    subjectName: string;
    coordinatorName: string | null;
    leadPrincipalId: string | null;
  };
  /** The version in force (or the one offered, or nothing yet): never an unsaved draft. */
  content: PlanContent;
  /** When the version in force was accepted (the plan's period starts then). */
  acceptedAt: Date | null;
  /** Only when the caller may see it (staff and systems; README). */
  personalIdentityNumber: string | null;
  principals: { id: string; name: string }[];
  /** Unit id → "Unit, Principal". */
  unitNames: Record<string, string>;
  assessments: AssessmentInput[];
  consents: FhirConsentInput[];
}

/** A stable resource id (a UUID) for a part of a plan that has no row of its own. */
export function derivedId(planId: string, part: string): string {
  const h = encodeHexLowerCase(sha256(new TextEncoder().encode(`${planId}/${part}`)));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const urn = (id: string) => `urn:uuid:${id}`;

/** The person as a reference: their opaque id, and the identity number only when the caller may see it. */
export function patientReference(input: Pick<FhirPlanInput, 'plan' | 'personalIdentityNumber'>): Reference {
  const pin = input.personalIdentityNumber;
  const coordination = pin !== null && Number(pin.slice(6, 8)) > 60;
  return {
    reference: `Patient/${input.plan.subjectPersonId}`,
    display: input.plan.subjectName,
    ...(pin ? { identifier: { system: coordination ? SAMORDNINGSNUMMER_SYSTEM : PERSONNUMMER_SYSTEM, value: pin } } : {}),
  };
}

/** The latest assessment of each goal and sub-goal (key `goalId/subGoalId`). */
export function latestAssessments(rows: readonly AssessmentInput[]): Map<string, AssessmentInput> {
  const latest = new Map<string, AssessmentInput>();
  for (const row of rows) {
    const key = `${row.goalId}/${row.subGoalId}`;
    const seen = latest.get(key);
    if (!seen || seen.decidedAt < row.decidedAt) latest.set(key, row);
  }
  return latest;
}

/** achievementStatus and the Swedish extension for an assessment. */
export function achievement(value: GoalValue): { achievementStatus: CodeableConcept; extension: Extension } {
  const a = ACHIEVEMENT[value];
  return {
    achievementStatus: { coding: [{ system: GOAL_ACHIEVEMENT_SYSTEM, code: a.fhir, display: a.display }], text: a.swedish },
    extension: { url: ASSESSMENT_EXTENSION_URL, valueCoding: { system: ASSESSMENT_CODE_SYSTEM, code: a.code, display: a.swedish } },
  };
}

function lifecycle(status: PlanStatus): Goal['lifecycleStatus'] {
  return status === 'preparing' ? 'proposed' : status === 'active' ? 'active' : 'completed';
}

/** The goal's due date: the latest follow-up date of the actions serving it, else the plan's follow-up date. */
export function dueDate(content: PlanContent, goalId: string): string | undefined {
  const dates = content.actions.filter((a) => a.goalId === goalId && isDate(a.followUpDate)).map((a) => a.followUpDate).sort();
  return dates.at(-1) ?? (isDate(content.followUpDate) ? content.followUpDate : undefined);
}

/** One Goal per goal and sub-goal, in the plan's order; a goal names its sub-goals as milestones. */
export function goalResources(input: FhirPlanInput): Goal[] {
  const latest = latestAssessments(input.assessments);
  const subject = patientReference(input);
  const goal = (goalId: string, subGoalId: string, text: string, milestones: string[]): Goal => {
    const assessed = latest.get(`${goalId}/${subGoalId}`);
    const due = dueDate(input.content, goalId);
    const a = assessed ? achievement(assessed.value) : undefined;
    const relations = milestones.map<Extension>((id) => ({
      url: GOAL_RELATIONSHIP_URL,
      extension: [
        { url: 'type', valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/goal-relationship-type', code: 'milestone' }] } },
        { url: 'target', valueReference: { reference: urn(id) } },
      ],
    }));
    const extension = [...(a ? [a.extension] : []), ...relations];
    return {
      resourceType: 'Goal',
      id: derivedId(input.plan.id, `goal/${goalId}/${subGoalId}`),
      ...(extension.length > 0 ? { extension } : {}),
      lifecycleStatus: lifecycle(input.plan.status),
      ...(a ? { achievementStatus: a.achievementStatus, statusDate: swedishDate(assessed!.decidedAt) } : {}),
      description: { text },
      subject,
      ...(due ? { target: [{ dueDate: due }] } : {}),
    };
  };
  return input.content.goals.flatMap((g) => [
    goal(g.id, '', g.text, g.subGoals.map((s) => derivedId(input.plan.id, `goal/${g.id}/${s.id}`))),
    ...g.subGoals.map((s) => goal(g.id, s.id, s.text, [])),
  ]);
}

function carePlanStatus(plan: FhirPlanInput['plan']): CarePlan['status'] {
  if (plan.status === 'preparing') return 'draft';
  if (plan.status === 'active') return 'active';
  return plan.closedReason === 'consentWithdrawn' ? 'revoked' : 'completed';
}

function activity(input: FhirPlanInput, a: PlanContent['actions'][number]): CarePlanActivity {
  const performer: Reference =
    a.responsibleKind === 'unit' ? { type: 'Organization', display: input.unitNames[a.unitId] ?? a.unitId }
    : a.responsibleKind === 'person' ? { reference: `Patient/${input.plan.subjectPersonId}`, display: input.plan.subjectName }
    : { display: a.actorName || a.what };
  const status = input.plan.status === 'preparing' ? 'not-started' : input.plan.status === 'active' ? 'in-progress' : input.plan.closedReason === 'consentWithdrawn' ? 'stopped' : 'completed';
  return {
    detail: {
      status,
      description: a.what,
      ...(a.goalId ? { goal: [{ reference: urn(derivedId(input.plan.id, `goal/${a.goalId}/`)) }] } : {}),
      performer: [performer],
      ...(a.when ? { scheduledString: a.when } : {}),
    },
  };
}

/** The plan's text sections (agenda b, c and e) as notes, with the routine's Swedish headings. */
function notes(content: PlanContent): { text: string }[] {
  return [
    ['Nuläge', content.currentSituation],
    ['Så vill personen ha det', content.personWishes],
    ['Övrigt', content.otherMatters],
  ]
    .filter(([, text]) => text)
    .map(([heading, text]) => ({ text: `${heading}: ${text}` }));
}

export function carePlanResource(input: FhirPlanInput, goals: Goal[], careTeamId: string, consentIds: string[]): CarePlan {
  const { plan, content } = input;
  const planType = plan.scope === 'local' ? { code: 'L-SIP', display: 'Lokal samordnad individuell plan' } : { code: 'SIP', display: 'Samordnad individuell plan' };
  const lead = input.principals.find((p) => p.id === (plan.leadPrincipalId ?? content.leadPrincipalId));
  const author: Reference | undefined = plan.coordinatorName ? { type: 'Practitioner', display: plan.coordinatorName } : lead ? { type: 'Organization', display: lead.name } : undefined;
  const noteList = notes(content);
  return {
    resourceType: 'CarePlan',
    id: plan.id,
    identifier: [{ system: PLAN_REFERENCE_SYSTEM, value: plan.reference }],
    status: carePlanStatus(plan),
    intent: 'plan',
    category: [{ coding: [{ system: PLAN_TYPE_SYSTEM, ...planType }], text: planType.code }],
    title: plan.reference,
    subject: patientReference(input),
    period: { start: (input.acceptedAt ?? plan.createdAt).toISOString(), ...(plan.closedAt ? { end: plan.closedAt.toISOString() } : {}) },
    created: plan.createdAt.toISOString(),
    ...(author ? { author } : {}),
    careTeam: [{ reference: urn(careTeamId) }],
    ...(content.needs.length > 0 ? { addresses: content.needs.map((n) => ({ display: n.text })) } : {}),
    ...(consentIds.length > 0 ? { supportingInfo: consentIds.map((id) => ({ reference: urn(id) })) } : {}),
    ...(goals.length > 0 ? { goal: goals.map((g) => ({ reference: urn(g.id!) })) } : {}),
    ...(content.actions.length > 0 ? { activity: content.actions.map((a) => activity(input, a)) } : {}),
    ...(noteList.length > 0 ? { note: noteList } : {}),
  };
}

/** The plan's entries: the CarePlan first, then its Goals, CareTeam and Consents. */
export function planEntries(input: FhirPlanInput, apiBase: string, search: boolean): BundleEntry<FhirResource>[] {
  const goals = goalResources(input);
  const subject = patientReference(input);
  const team = careTeamResource(input, derivedId(input.plan.id, 'care-team'), subject);
  const consents = input.consents.map((c) => consentResource(c, subject));
  const carePlan = carePlanResource(input, goals, team.id!, consents.map((c) => c.id!));
  const mode = (m: 'match' | 'include') => (search ? { search: { mode: m } } : {});
  return [
    { fullUrl: `${apiBase}/CarePlan/${carePlan.id}`, resource: carePlan, ...mode('match') },
    ...[...goals, team, ...consents].map((r) => ({ fullUrl: urn(r.id!), resource: r, ...mode('include') })),
  ];
}

/** A Bundle: `collection` for one plan, `searchset` (with total) for a search. */
export function bundle(type: 'collection' | 'searchset', entries: BundleEntry<FhirResource>[], at: Date, matches = 0): Bundle<FhirResource> {
  return {
    resourceType: 'Bundle',
    type,
    timestamp: at.toISOString(),
    ...(type === 'searchset' ? { total: matches } : {}),
    entry: entries,
  };
}

export type OutcomeCode = 'not-found' | 'invalid' | 'login' | 'forbidden' | 'not-supported' | 'exception';

/** An error as FHIR wants it: an OperationOutcome with one issue. */
export function operationOutcome(code: OutcomeCode, diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/** `CarePlan?subject=Patient/<id>` (or a bare id): the person's opaque id, never a personnummer. */
export function parseSubject(value: string | null): string | undefined {
  if (value === null) return undefined;
  const id = value.startsWith('Patient/') ? value.slice('Patient/'.length) : value;
  return isUuid(id) ? id.toLowerCase() : undefined;
}
