/**
 * Who is guardian (vårdnadshavare) of which children. The seam to the population register: in
 * production an implementation of `GuardianshipSource` asks the register (Skatteverket's Navet, through
 * the region's integration) at login; the demo and tests use the `demo_register_guardianship` table.
 * Only children under 18 count: custody ends at 18.
 */
import { ageOn } from './personnummer.domain.ts';

export interface Child {
  personalIdentityNumber: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

export interface GuardianshipSource {
  /** The children under 18 that the person with this number has custody of, on `today`. */
  childrenOf(guardianPersonalIdentityNumber: string, today: Date): Promise<Child[]>;
  /** Everyone with custody of this child (each must consent to a SIP for the child). */
  guardiansOf(childPersonalIdentityNumber: string): Promise<Guardian[]>;
}

export interface Guardian {
  personalIdentityNumber: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

/** Custody ends at 18: keeps the children under 18 on `today`. */
export function underAge(children: Child[], today: Date): Child[] {
  return children.filter((c) => ageOn(c.birthDate, today) < 18);
}
