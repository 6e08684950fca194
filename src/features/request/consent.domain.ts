/**
 * Who must consent before a SIP request goes on (seed 002): the person themselves; for a child under
 * 18 every registered guardian, and from 15 also the child; a legal representative for the person they
 * represent. A relative may ask on someone's behalf, but nothing happens until that person consents.
 */
import { ageOn } from '../access/personnummer.domain.ts';
import type { SubmittedAs } from './request.domain.ts';

/** From this age a child's own consent is needed, besides the guardians'. */
export const CHILD_OWN_CONSENT_AGE = 15;
export const ADULT_AGE = 18;

export type RequirementRole = 'subject' | 'guardian' | 'representative';

export interface ConsentRequirement {
  personId: string;
  role: RequirementRole;
  /** True when the one sending the request gives this consent in the same step. */
  givenBySubmitter: boolean;
}

export interface ConsentInput {
  submittedAs: SubmittedAs;
  submitterPersonId: string;
  subjectPersonId: string;
  subjectBirthDate: string;
  /** Every guardian the register names for the subject (only asked for a child). */
  guardianPersonIds: readonly string[];
  now: Date;
}

export function isChild(birthDate: string, now: Date): boolean {
  return ageOn(birthDate, now) < ADULT_AGE;
}

export function childMustConsent(birthDate: string, now: Date): boolean {
  const age = ageOn(birthDate, now);
  return age >= CHILD_OWN_CONSENT_AGE && age < ADULT_AGE;
}

/** The consents a new request needs, in the order they are shown. */
export function consentRequirements(input: ConsentInput): ConsentRequirement[] {
  const { submittedAs, submitterPersonId, subjectPersonId } = input;
  switch (submittedAs) {
    case 'self':
      return [{ personId: subjectPersonId, role: 'subject', givenBySubmitter: true }];
    case 'representative':
      return [{ personId: submitterPersonId, role: 'representative', givenBySubmitter: true }];
    case 'relative':
      return [{ personId: subjectPersonId, role: 'subject', givenBySubmitter: false }];
    case 'guardian': {
      const guardians = [submitterPersonId, ...input.guardianPersonIds.filter((g) => g !== submitterPersonId)];
      const list: ConsentRequirement[] = guardians.map((g) => ({ personId: g, role: 'guardian', givenBySubmitter: g === submitterPersonId }));
      if (childMustConsent(input.subjectBirthDate, input.now)) list.push({ personId: subjectPersonId, role: 'subject', givenBySubmitter: false });
      return list;
    }
  }
}

/** A request is sent once nobody's consent is missing; until then it waits. */
export function statusAfterConsents(requirements: readonly { satisfied: boolean }[]): 'sent' | 'awaitingConsent' {
  return requirements.every((r) => r.satisfied) ? 'sent' : 'awaitingConsent';
}

/** In what capacity someone may give or withdraw consent for a person (never a delegate). */
export function consentCapacity(standing: 'self' | 'guardian' | 'representative' | 'delegate' | 'none'): 'self' | 'guardian' | 'representative' | undefined {
  return standing === 'self' || standing === 'guardian' || standing === 'representative' ? standing : undefined;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base 32: no I, L, O, U

/** A reference the person can read out on the phone, e.g. SIP-7K2Q-9XHD (from 8 random bytes). */
export function requestReference(random: Uint8Array): string {
  const chars = [...random.slice(0, 8)].map((b) => ALPHABET[b % 32]).join('');
  return `SIP-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}
