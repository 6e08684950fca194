/**
 * The CareTeam (coordinator, lead principal, the other principals) and the person's Consent of a plan as
 * FHIR R4 — the people and the permission around the CarePlan (fhir.domain.ts). Pure.
 */
import type { CareTeam, CareTeamParticipant, Consent, Reference } from 'fhir/r4';
import type { FhirPlanInput } from './fhir.domain.ts';

const BASE = 'https://sip-portalen.se/fhir';
export const CARE_TEAM_ROLE_SYSTEM = `${BASE}/CodeSystem/care-team-role`;

export interface FhirConsentInput {
  id: string;
  givenAt: Date;
  withdrawnAt: Date | null;
  givenByName: string;
  givenAs: 'self' | 'guardian' | 'representative';
  textVersion: string;
  /** The principals the person agreed may share information (the consent's scope). */
  principalNames: string[];
}

const role = (code: string, display: string) => [{ coding: [{ system: CARE_TEAM_ROLE_SYSTEM, code, display }], text: display }];

/** Coordinator (samordnare), lead principal (övergripande ansvar) and the other principals (huvudmän). */
export function careTeamResource(input: FhirPlanInput, id: string, subject: Reference): CareTeam {
  const { plan } = input;
  const leadId = plan.leadPrincipalId ?? (input.content.leadPrincipalId || null);
  const lead = input.principals.find((p) => p.id === leadId);
  const participant: CareTeamParticipant[] = [
    ...(plan.coordinatorName ? [{ role: role('coordinator', 'Samordnare'), member: { type: 'Practitioner', display: plan.coordinatorName } }] : []),
    ...(lead ? [{ role: role('leadPrincipal', 'Övergripande ansvar'), member: { type: 'Organization', display: lead.name } }] : []),
    ...input.principals.filter((p) => p !== lead).map((p) => ({ role: role('principal', 'Huvudman'), member: { type: 'Organization', display: p.name } })),
  ];
  return {
    resourceType: 'CareTeam',
    id,
    status: plan.status === 'preparing' ? 'proposed' : plan.status === 'active' ? 'active' : 'inactive',
    name: `SIP ${plan.reference}`,
    subject,
    ...(participant.length > 0 ? { participant } : {}),
    ...(lead ? { managingOrganization: [{ type: 'Organization', display: lead.name }] } : {}),
  };
}

/** The consent to a SIP: active until it is withdrawn, then inactive (withdrawal ends the plan). */
export function consentResource(c: FhirConsentInput, subject: Reference): Consent {
  return {
    resourceType: 'Consent',
    id: c.id,
    status: c.withdrawnAt ? 'inactive' : 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: subject,
    dateTime: c.givenAt.toISOString(),
    performer: [{ type: c.givenAs === 'self' ? 'Patient' : 'RelatedPerson', display: c.givenByName }],
    policy: [{ uri: `${BASE}/consent-text/${encodeURIComponent(c.textVersion)}` }],
    provision: {
      type: 'permit',
      period: { start: c.givenAt.toISOString(), ...(c.withdrawnAt ? { end: c.withdrawnAt.toISOString() } : {}) },
      ...(c.principalNames.length > 0
        ? { actor: c.principalNames.map((name) => ({ role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] }, reference: { type: 'Organization', display: name } })) }
        : {}),
    },
  };
}
