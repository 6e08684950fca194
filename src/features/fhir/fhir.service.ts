/**
 * The FHIR API's reads: one plan as a Bundle, or the plans of one person that the caller may read. Access
 * is the pages' own: `planAccess` (plan.service.ts) asks `can()` for staff of a participating unit or the
 * coordinator, for the person and whoever acts for them or was shared with, and for a system limited to its
 * principal. Reads are audited as on the pages: staff and systems always, a person when it is not their own
 * plan. The personnummer goes into the JSON for staff and systems, never for persons (a delegate must not
 * learn it, and the person knows their own).
 */
import type { Kysely } from 'kysely';
import type { Bundle, FhirResource } from 'fhir/r4';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { recordAudit, type AuditEvent } from '../../shared/server/audit.repository.ts';
import { AccessDenied, standing, type Actor } from '../access/access.domain.ts';
import { personalIdentityNumberOf } from '../access/actor.repository.ts';
import { planAccess } from '../plan/plan.service.ts';
import { namesFor } from '../plan/plan-edit.service.ts';
import { asContent, emptyContent } from '../plan/plan.domain.ts';
import * as planRepo from '../plan/plan.repository.ts';
import * as versionRepo from '../plan/version.repository.ts';
import * as followUpRepo from '../follow-up/follow-up.repository.ts';
import { consentsAbout } from '../request/consent.repository.ts';
import { bundle, planEntries, type FhirPlanInput } from './fhir.domain.ts';

/** Who read, for the audit log; undefined when a person reads their own plan (not logged, as on the pages). */
function auditActor(actor: Actor, subjectPersonId: string): AuditEvent['actor'] | undefined {
  if (actor.kind === 'staff') return { kind: 'staff', id: actor.staffAccountId };
  if (actor.kind === 'system') return { kind: 'system', id: actor.apiClientId };
  if (actor.kind === 'person' && standing(actor, subjectPersonId) !== 'self') return { kind: 'person', id: actor.personId };
  return undefined;
}

/** Reads one plan the actor may read (AccessDenied otherwise), audits it, and gathers what the mapping needs. */
async function readPlan(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string): Promise<FhirPlanInput> {
  const { plan } = await planAccess(db, actor, planId, 'read');
  const who = auditActor(actor, plan.subjectPersonId);
  if (who) await recordAudit(db, { actor: who, action: 'plan.read', subjectPersonId: plan.subjectPersonId, record: { type: 'plan', id: plan.id }, context: 'fhir', at: clock.now() });
  const versions = await versionRepo.versionsOf(db, plan.id);
  const shown = versions.find((v) => v.version === (plan.activeVersion ?? plan.offeredVersion)) ?? versions[0];
  const content = shown ? asContent(shown.content) : emptyContent();
  const [names, followUps, consents, pin] = await Promise.all([
    namesFor(db, plan, content),
    followUpRepo.followUpsOf(db, plan.id),
    consentsAbout(db, [plan.subjectPersonId]),
    actor.kind === 'person' ? Promise.resolve(undefined) : personalIdentityNumberOf(db, plan.subjectPersonId),
  ]);
  const decided = new Map(followUps.map((f) => [f.id, f.decidedAt]));
  const assessments = await followUpRepo.assessmentsOf(db, followUps.map((f) => f.id));
  const ofRequest = consents.filter((c) => plan.requestId !== null && c.requestId === plan.requestId);
  return {
    plan,
    content,
    acceptedAt: shown?.acceptedAt ?? null,
    personalIdentityNumber: pin ?? null,
    principals: Object.entries(names.principals).map(([id, name]) => ({ id, name })),
    unitNames: names.units,
    assessments: assessments.map((a) => ({ goalId: a.goalId, subGoalId: a.subGoalId, value: a.staffValue, decidedAt: decided.get(a.followUpId)! })),
    consents: (ofRequest.length > 0 ? ofRequest : consents.slice(0, 1)).map((c) => ({
      id: c.id,
      givenAt: c.givenAt,
      withdrawnAt: c.withdrawnAt,
      givenByName: c.givenByName,
      givenAs: c.givenAs,
      textVersion: c.textVersion,
      principalNames: scopePrincipals(c.scope),
    })),
  };
}

function scopePrincipals(scope: unknown): string[] {
  const principals = (scope as { principals?: unknown } | null)?.principals;
  return Array.isArray(principals) ? principals.map((p) => (p as { name?: unknown })?.name).filter((n): n is string => typeof n === 'string') : [];
}

/** `GET CarePlan/{id}`: the plan as a collection Bundle; AccessDenied (→ 404) when missing or not yours. */
export async function carePlanBundle(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, apiBase: string): Promise<Bundle<FhirResource>> {
  const input = await readPlan(db, actor, clock, planId);
  return bundle('collection', planEntries(input, apiBase, false), clock.now());
}

/**
 * `GET CarePlan?subject=Patient/{id}`: the person's plans that the caller may read, each audited, as a
 * searchset. Plans the caller may not read are left out, so the answer is the same whether someone has
 * plans elsewhere or none at all.
 */
export async function carePlanSearch(db: Kysely<Database>, actor: Actor, clock: Clock, subjectPersonId: string, apiBase: string): Promise<Bundle<FhirResource>> {
  const entries = [];
  let matches = 0;
  for (const plan of await planRepo.plansOf(db, [subjectPersonId])) {
    try {
      entries.push(...planEntries(await readPlan(db, actor, clock, plan.id), apiBase, true));
      matches++;
    } catch (error) {
      if (!(error instanceof AccessDenied)) throw error;
    }
  }
  return bundle('searchset', entries, clock.now(), matches);
}
