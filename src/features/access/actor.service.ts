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
import { GuardianshipUnavailable } from './guardianship-http.ts';
import type { ValidSession } from './session.service.ts';
import { ensurePeople, personalIdentityNumberOf, relationsOf, staffProfile, type MembershipRow } from './actor.repository.ts';

export interface ActorProfile {
  actor: Actor;
  /** For a person: the children under 18 they are guardian of. */
  children: Child[];
  /** For staff: units and roles, principals they manage. */
  memberships: MembershipRow[];
  managerOf: { id: string; name: string }[];
  /** For a person: the register did not answer, so `children` may be incomplete (never read as "none"). */
  registerUnavailable: boolean;
}

export async function loadActor(db: Kysely<Database>, session: ValidSession | undefined, clock: Clock, guardianships: GuardianshipSource): Promise<ActorProfile> {
  if (!session) return { actor: { kind: 'anonymous' }, children: [], memberships: [], managerOf: [], registerUnavailable: false };
  if (session.owner.kind === 'person') {
    const personId = session.owner.personId;
    const pin = session.ownerPersonalIdentityNumber ?? (await personalIdentityNumberOf(db, personId));
    let registerUnavailable = false;
    const registered = async () => {
      try {
        return pin ? await guardianships.childrenOf(pin, clock.now()) : [];
      } catch (error) {
        // Every page still works; pages about children say the register cannot be reached right now.
        if (!(error instanceof GuardianshipUnavailable)) throw error;
        registerUnavailable = true;
        return [];
      }
    };
    const [children, { represented, shared }] = await Promise.all([registered(), relationsOf(db, personId)]);
    const childIds = await ensurePeople(db, children);
    return {
      actor: { kind: 'person', personId, sharedWithMe: new Set(shared), guardianOf: new Set(childIds), representativeOf: new Set(represented) },
      children,
      memberships: [],
      managerOf: [],
      registerUnavailable,
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
    registerUnavailable: false,
  };
}
