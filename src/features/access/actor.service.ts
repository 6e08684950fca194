/**
 * Builds the acting user for `can()` from a session: a person's guardianships (from the register
 * seam), a staff member's units, principals, manager and admin roles. Loaded per request, on the
 * server, so a revoked membership or an 18th birthday takes effect at once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { Actor } from './access.domain.ts';
import type { Child, GuardianshipSource } from './guardianship.ts';
import type { ValidSession } from './session.service.ts';
import { ensurePeople, personalIdentityNumberOf, relationsOf, staffProfile, type MembershipRow } from './actor.repository.ts';

export interface ActorProfile {
  actor: Actor;
  /** For a person: the children under 18 they are guardian of. */
  children: Child[];
  /** For staff: units and roles, principals they manage. */
  memberships: MembershipRow[];
  managerOf: { id: string; name: string }[];
}

export async function loadActor(db: Kysely<Database>, session: ValidSession | undefined, clock: Clock, guardianships: GuardianshipSource): Promise<ActorProfile> {
  if (!session) return { actor: { kind: 'anonymous' }, children: [], memberships: [], managerOf: [] };
  if (session.owner.kind === 'person') {
    const personId = session.owner.personId;
    const pin = session.ownerPersonalIdentityNumber ?? (await personalIdentityNumberOf(db, personId));
    const [children, { represented, shared }] = await Promise.all([pin ? guardianships.childrenOf(pin, clock.now()) : [], relationsOf(db, personId)]);
    const childIds = await ensurePeople(db, children);
    return {
      actor: { kind: 'person', personId, sharedWithMe: new Set(shared), guardianOf: new Set(childIds), representativeOf: new Set(represented) },
      children,
      memberships: [],
      managerOf: [],
    };
  }
  const staffAccountId = session.owner.staffAccountId;
  const { memberships, managerOf, isAdmin: admin } = await staffProfile(db, staffAccountId);
  return {
    actor: {
      kind: 'staff',
      staffAccountId,
      unitIds: new Set(memberships.map((m) => m.unitId)),
      principalIds: new Set(memberships.map((m) => m.principalId)),
      deviationHandlerUnitIds: new Set(memberships.filter((m) => m.role === 'deviationHandler').map((m) => m.unitId)),
      managerOfPrincipalIds: new Set(managerOf.map((p) => p.id)),
      isAdmin: admin,
    },
    children: [],
    memberships,
    managerOf,
  };
}
