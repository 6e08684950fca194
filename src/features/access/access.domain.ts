/**
 * Who may do what: the one decision every page and endpoint asks, on the server. Pure — the facts
 * (memberships, shares, guardianships) are loaded by the access service and passed in.
 *
 * The person is at the centre: their own data is theirs; a relative sees only what the person shared,
 * until it is revoked; a guardian acts for a child under 18; a legal representative acts for the person
 * they represent; staff reach a request through a unit of the principal it is addressed to and a plan
 * through a participating unit — in both cases only of a principal the person's consent covers (the
 * consent scope: nothing is shared beyond it, and nothing at all once it is withdrawn); a manager sees aggregates of their principals and
 * never one person; an admin manages organisations and accounts and never sees personal data. A system
 * (an API client issued by an admin for one principal) reads the plans that a unit of that principal
 * takes part in, and nothing else.
 */

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'person';
      personId: string;
      /** People who shared their plans with this person (delegate, read only), active grants only. */
      sharedWithMe: ReadonlySet<string>;
      /** Children under 18 this person is a registered guardian of. */
      guardianOf: ReadonlySet<string>;
      /** People this person is registered legal representative (god man, förvaltare) for. */
      representativeOf: ReadonlySet<string>;
    }
  | {
      kind: 'staff';
      staffAccountId: string;
      unitIds: ReadonlySet<string>;
      /** Principals of those units. */
      principalIds: ReadonlySet<string>;
      /** Units where this staff member handles deviations. */
      deviationHandlerUnitIds: ReadonlySet<string>;
      managerOfPrincipalIds: ReadonlySet<string>;
      isAdmin: boolean;
    }
  | {
      kind: 'system';
      apiClientId: string;
      principalId: string;
      /** Every unit of that principal. */
      unitIds: ReadonlySet<string>;
    };

export type Resource =
  /** Something that belongs to one person as a whole: their requests list, consents, sharing, audit log. */
  | { type: 'personRecord'; personId: string }
  /** A request to one principal; staff see it only once the consent needed covers that principal. */
  | { type: 'request'; subjectPersonId: string; principalId: string; consentPrincipalIds: readonly string[] }
  /**
   * A plan: the units taking part, each with its principal, and the principals the person's consent
   * covers now (empty once it is withdrawn). Staff and systems reach it only through a unit of a
   * consented principal; the coordinator too (one who leaves every unit of the plan loses access).
   */
  | { type: 'plan'; subjectPersonId: string; units: readonly PlanUnit[]; consentPrincipalIds: readonly string[] }
  | { type: 'deviation'; subjectPersonId: string; unitIds: readonly string[] }
  | { type: 'statistics'; principalIds: readonly string[] }
  | { type: 'administration' };

/** A unit taking part in a plan, with the principal it belongs to. */
export interface PlanUnit {
  id: string;
  principalId: string;
}

export type Action =
  | 'read'
  | 'write'
  /** Give or withdraw consent, share with or revoke a relative: only the person or who acts for them. */
  | 'decide'
  | 'handle';

/** The ways a person may stand to another person's data. */
export type Standing = 'self' | 'guardian' | 'representative' | 'delegate' | 'none';

export function standing(actor: Actor, personId: string): Standing {
  if (actor.kind !== 'person') return 'none';
  if (actor.personId === personId) return 'self';
  if (actor.guardianOf.has(personId)) return 'guardian';
  if (actor.representativeOf.has(personId)) return 'representative';
  if (actor.sharedWithMe.has(personId)) return 'delegate';
  return 'none';
}

const ACTS_FOR: ReadonlySet<Standing> = new Set(['self', 'guardian', 'representative']);

function personMay(actor: Actor, action: Action, subject: string): boolean {
  const s = standing(actor, subject);
  if (ACTS_FOR.has(s)) return action !== 'handle';
  return s === 'delegate' && action === 'read';
}

function overlaps(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return b.some((x) => a.has(x));
}

/** The plan's units that the person's consent covers: the only way in for staff and systems. */
export function consentedUnitIds(resource: { units: readonly PlanUnit[]; consentPrincipalIds: readonly string[] }): string[] {
  const scope = new Set(resource.consentPrincipalIds);
  return resource.units.filter((u) => scope.has(u.principalId)).map((u) => u.id);
}

/** The access decision. Unknown combinations are refused. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind === 'anonymous') return false;
  // A system only reads plans its principal takes part in (through the FHIR API).
  if (actor.kind === 'system') return action === 'read' && resource.type === 'plan' && overlaps(actor.unitIds, consentedUnitIds(resource));
  switch (resource.type) {
    case 'personRecord':
      return personMay(actor, action, resource.personId);
    case 'request':
      if (actor.kind === 'person') return personMay(actor, action, resource.subjectPersonId);
      return (action === 'read' || action === 'write') && actor.principalIds.has(resource.principalId) && resource.consentPrincipalIds.includes(resource.principalId);
    case 'plan':
      if (actor.kind === 'person') return personMay(actor, action, resource.subjectPersonId);
      if (action !== 'read' && action !== 'write') return false;
      return overlaps(actor.unitIds, consentedUnitIds(resource));
    case 'deviation':
      // The person (or who acts for them) reports and follows their deviations; a relative with read
      // access to the plan does not see them. Staff of a participating unit report; handlers investigate.
      if (actor.kind === 'person') {
        return (action === 'read' || action === 'write') && ACTS_FOR.has(standing(actor, resource.subjectPersonId));
      }
      if (action === 'write') return overlaps(actor.unitIds, resource.unitIds);
      return (action === 'read' || action === 'handle') && overlaps(actor.deviationHandlerUnitIds, resource.unitIds);
    case 'statistics':
      // Every principal asked for must be one the manager is responsible for.
      return (
        actor.kind === 'staff' &&
        action === 'read' &&
        resource.principalIds.length > 0 &&
        resource.principalIds.every((p) => actor.managerOfPrincipalIds.has(p))
      );
    case 'administration':
      return actor.kind === 'staff' && actor.isAdmin && (action === 'read' || action === 'write');
  }
}

/**
 * Thrown by a service asked to do what the actor may not (defence in depth behind the page's gate).
 * The middleware answers it with the plain 404 page, exactly as for a record that does not exist.
 */
export class AccessDenied extends Error {
  constructor() {
    super('not found');
    this.name = 'AccessDenied';
  }
}

/** Throws AccessDenied unless `can(actor, action, resource)`. */
export function requireAccess(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) throw new AccessDenied();
}
