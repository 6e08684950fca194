/**
 * The consent scope: the principals a plan may involve, as the person (or those who consent for them)
 * decided. Seed 002: information is shared only as far as the person consents; a child's guardians
 * both decide, and from 15 the child too. So a principal is covered only when EVERY person whose
 * consent the request needs has an active consent naming it; one who has not answered yet, or who
 * withdrew, covers nothing. A person may widen their consent later (a new consent naming more
 * principals), so each person's principals are the union of their active consents.
 */

/** One active (not withdrawn) consent: who gave it and the principals it names. */
export interface GivenConsent {
  personId: string;
  principalIds: readonly string[];
}

/**
 * The principals covered by everyone whose consent is needed. `required` lists those people (the
 * request's consent requirements); when it is empty (plans from before requirements were kept), the
 * people who gave consent are the ones required.
 */
export function consentScope(required: readonly string[], given: readonly GivenConsent[]): string[] {
  const people = required.length > 0 ? [...new Set(required)] : [...new Set(given.map((g) => g.personId))];
  if (people.length === 0) return [];
  const perPerson = people.map((p) => new Set(given.filter((g) => g.personId === p).flatMap((g) => g.principalIds)));
  const [first, ...rest] = perPerson;
  return [...first!].filter((id) => rest.every((s) => s.has(id))).sort();
}

/** The principals in `wanted` that the scope does not cover (empty: all covered). */
export function outsideScope(scope: readonly string[], wanted: readonly string[]): string[] {
  const covered = new Set(scope);
  return [...new Set(wanted)].filter((id) => !covered.has(id));
}

/** The principal ids a consent's stored scope names (`{ principals: [{ id, name }] }`); malformed → none. */
export function scopePrincipalIds(scope: unknown): string[] {
  const principals = (scope as { principals?: unknown } | null)?.principals;
  if (!Array.isArray(principals)) return [];
  return principals.map((p) => (p as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string');
}

/** consentScope over consents as stored (`{ personId, scope }` rows with the scope's JSON). */
export function storedConsentScope(required: readonly string[], given: readonly { personId: string; scope: unknown }[]): string[] {
  return consentScope(required, given.map((g) => ({ personId: g.personId, principalIds: scopePrincipalIds(g.scope) })));
}
