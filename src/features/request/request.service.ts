/**
 * The citizen's request use cases: the server-side draft, the choices each step offers (children,
 * represented people, principals, coordinators), and sending — one transaction that stores the request,
 * the consents given, the consents still missing and the audit event, and removes the draft.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { enqueueMails, type QueuedMail } from '../../shared/server/mail-outbox.ts';
import { AccessDenied, type Actor } from '../access/access.domain.ts';
import type { Guardian, GuardianshipSource } from '../access/guardianship.ts';
import { GuardianshipUnavailable } from '../access/guardianship-http.ts';
import { ageOn } from '../access/personnummer.domain.ts';
import * as repo from './request.repository.ts';
import * as drafts from './draft.repository.ts';
import * as consentRepo from './consent.repository.ts';
import { consentRequirements, requestReference, statusAfterConsents } from './consent.domain.ts';
import { mayVisit, STEPS, type RequestDraft, type Standings } from './request.domain.ts';

export const REQUEST_FORM = 'sipRequest';

type PersonActor = Extract<Actor, { kind: 'person' }>;

/** Only a logged-in person fills in a request (staff and admins have other pages). */
export function personActor(actor: Actor): PersonActor {
  if (actor.kind !== 'person') throw new AccessDenied();
  return actor;
}

function asDraft(data: unknown): RequestDraft {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as RequestDraft) : {};
}

export async function loadDraft(db: Kysely<Database>, actor: Actor): Promise<RequestDraft> {
  return asDraft(await drafts.loadDraftData(db, personActor(actor).personId, REQUEST_FORM));
}

/** Merges a step's answers into the draft kept on the server (a key set to undefined is cleared); returns the draft. */
export async function saveDraft(db: Kysely<Database>, actor: Actor, clock: Clock, patch: Partial<RequestDraft>): Promise<RequestDraft> {
  return asDraft(await drafts.mergeDraftData(db, personActor(actor).personId, REQUEST_FORM, patch, clock.now()));
}

export async function discardDraft(db: Kysely<Database>, actor: Actor): Promise<void> {
  await drafts.deleteDraft(db, personActor(actor).personId, REQUEST_FORM);
}

export interface WhoOptions extends Standings {
  childNames: Record<string, string>;
  representedNames: Record<string, string>;
  self: { personalIdentityNumber: string; name: string };
}

/** Whom this person may ask for: their children under 18 and the people they represent. */
export async function whoOptions(db: Kysely<Database>, actor: Actor, clock: Clock): Promise<WhoOptions> {
  const a = personActor(actor);
  const [children, represented, [self]] = await Promise.all([
    repo.peopleByIds(db, [...a.guardianOf]),
    repo.peopleByIds(db, [...a.representativeOf]),
    repo.peopleByIds(db, [a.personId]),
  ]);
  const name = (p: repo.PersonRow) => `${p.givenName} ${p.familyName}`;
  return {
    children: children.map((c) => ({ personId: c.id, age: ageOn(c.birthDate, clock.now()) })),
    represented: represented.map((r) => ({ personId: r.id })),
    childNames: Object.fromEntries(children.map((c) => [c.id, name(c)])),
    representedNames: Object.fromEntries(represented.map((r) => [r.id, name(r)])),
    self: { personalIdentityNumber: self!.personalIdentityNumber, name: name(self!) },
  };
}

export const principalOptions = repo.principals;
export const coordinatorOptions = repo.coordinatorsIn;

/** The name of the person the request is about, for headings ("Your request for Elin"). */
export async function subjectName(db: Kysely<Database>, actor: Actor, draft: RequestDraft): Promise<string | undefined> {
  if (draft.submittedAs === 'relative' && draft.relative) return `${draft.relative.givenName} ${draft.relative.familyName}`;
  if (draft.subjectPersonId && (draft.submittedAs === 'guardian' || draft.submittedAs === 'representative')) {
    const [p] = await repo.peopleByIds(db, [draft.subjectPersonId]);
    return p ? `${p.givenName} ${p.familyName}` : undefined;
  }
  return undefined;
}

export type SendOutcome =
  | { ok: true; requestId: string; reference: string; status: 'sent' | 'awaitingConsent'; /** Only on the first send. */ receiptEmail?: string }
  | { ok: false; issues: FieldIssue[] };

/** Writes the receipt (in the person's language; the page knows it) for the outbox. */
export type ComposeReceipt = (receipt: { to: string; reference: string; status: 'sent' | 'awaitingConsent' }) => QueuedMail;

/**
 * Sends the request. The right to ask for the subject is checked again here (a guardianship may have
 * ended since the draft was begun); a request sent twice with the same key is stored once. The receipt,
 * when the person asked for one, goes into the mail outbox in the same transaction.
 */
export async function sendRequest(db: Kysely<Database>, actor: Actor, clock: Clock, guardianships: GuardianshipSource, idempotencyKey: string, receipt?: ComposeReceipt): Promise<SendOutcome> {
  const a = personActor(actor);
  // Only this person's own key counts: another person's key (copied from their form) finds nothing here.
  const existing = await repo.requestIdForKey(db, a.personId, idempotencyKey);
  if (existing) return { ok: true, requestId: existing.id, reference: existing.reference, status: 'sent' };
  const draft = await loadDraft(db, actor);
  if (!mayVisit(draft, 'check')) return { ok: false, issues: [{ field: 'check', code: 'incomplete' }] };
  const now = clock.now();
  // The register is asked before the transaction: on PGlite a query outside it would wait for it forever.
  let guardians: Guardian[] = [];
  try {
    guardians = draft.submittedAs === 'guardian' && draft.subjectPersonId ? await registeredGuardians(db, guardianships, draft.subjectPersonId) : [];
  } catch (error) {
    // Every guardian must consent: without the register's answer the request cannot go, nor be half-sent.
    if (error instanceof GuardianshipUnavailable) return { ok: false, issues: [{ field: 'check', code: 'registerUnavailable' }] };
    throw error;
  }
  try {
    return await insertRequest(db, a, draft, guardians, idempotencyKey, now, receipt);
  } catch (error) {
    // Two submissions of one form at the same moment: the second finds the first's request.
    const again = (error as { code?: string }).code === '23505' ? await repo.requestIdForKey(db, a.personId, idempotencyKey) : undefined;
    if (again) return { ok: true, requestId: again.id, reference: again.reference, status: 'sent' };
    throw error;
  }
}

async function insertRequest(db: Kysely<Database>, a: PersonActor, draft: RequestDraft, guardians: Guardian[], idempotencyKey: string, now: Date, receipt?: ComposeReceipt): Promise<SendOutcome> {
  return db.transaction().execute(async (trx) => {
    const subjectPersonId = await resolveSubject(trx, a, draft);
    if (!subjectPersonId) return { ok: false, issues: [{ field: 'check', code: 'noRight' }] };
    const [subject] = await repo.peopleByIds(trx, [subjectPersonId]);
    const guardianIds: string[] = [];
    for (const g of guardians) guardianIds.push(await repo.personForNumber(trx, g));
    const requirements = consentRequirements({
      submittedAs: draft.submittedAs!,
      submitterPersonId: a.personId,
      subjectPersonId,
      subjectBirthDate: subject!.birthDate,
      guardianPersonIds: guardianIds,
      now,
    });
    const status = statusAfterConsents(requirements.map((r) => ({ satisfied: r.givenBySubmitter })));
    const principalIds = draft.principals!.principalIds;
    const reference = await uniqueReference(trx);
    const requestId = await repo.insertRequest(
      trx,
      {
        reference,
        subjectPersonId,
        submittedByPersonId: a.personId,
        submittedAs: draft.submittedAs!,
        status,
        answers: { contacts: draft.contacts, situation: draft.situation, principals: draft.principals, coordinator: draft.coordinator, meeting: draft.meeting, ...typedName(draft) },
        preferredStaffAccountId: draft.coordinator?.choice === 'staff' ? draft.coordinator.staffAccountId : null,
        receiptEmail: draft.receiptEmail ?? null,
        idempotencyKey,
        at: now,
      },
      principalIds,
    );
    const scope = { principals: (await repo.principals(trx)).filter((p) => principalIds.includes(p.id)).map((p) => ({ id: p.id, name: p.name })) };
    for (const r of requirements) {
      const consentId = r.givenBySubmitter
        ? await consentRepo.insertConsent(trx, { subjectPersonId, givenByPersonId: a.personId, givenAs: r.role === 'subject' ? 'self' : r.role, requestId, scope, textVersion: draft.consent!.textVersion, at: now })
        : null;
      await consentRepo.insertRequirement(trx, { requestId, personId: r.personId, role: r.role, consentId });
    }
    await recordAudit(trx, { actor: { kind: 'person', id: a.personId }, action: 'request.create', subjectPersonId, record: { type: 'sip_request', id: requestId }, at: now });
    await drafts.deleteDraft(trx, a.personId, REQUEST_FORM);
    if (draft.receiptEmail && receipt) await enqueueMails(trx, [receipt({ to: draft.receiptEmail, reference, status })], now);
    return { ok: true as const, requestId, reference, status, ...(draft.receiptEmail ? { receiptEmail: draft.receiptEmail } : {}) };
  });
}

/**
 * A relative's request keeps the name as the relative typed it: that is the name they are shown later,
 * never the register's (which would tell anyone the name behind any personnummer).
 */
function typedName(draft: RequestDraft): { subjectAsTyped?: { givenName: string; familyName: string } } {
  return draft.submittedAs === 'relative' && draft.relative ? { subjectAsTyped: { givenName: draft.relative.givenName, familyName: draft.relative.familyName } } : {};
}

async function resolveSubject(trx: Kysely<Database>, a: PersonActor, draft: RequestDraft): Promise<string | undefined> {
  switch (draft.submittedAs) {
    case 'self':
      return a.personId;
    case 'guardian':
      return draft.subjectPersonId && a.guardianOf.has(draft.subjectPersonId) ? draft.subjectPersonId : undefined;
    case 'representative':
      return draft.subjectPersonId && a.representativeOf.has(draft.subjectPersonId) ? draft.subjectPersonId : undefined;
    case 'relative': {
      const id = await repo.personForNumber(trx, draft.relative!);
      return id === a.personId ? undefined : id;
    }
    default:
      return undefined;
  }
}

/** Everyone the register names as guardian of the child (each must consent). */
async function registeredGuardians(db: Kysely<Database>, guardianships: GuardianshipSource, childPersonId: string): Promise<Guardian[]> {
  const [child] = await repo.peopleByIds(db, [childPersonId]);
  return child ? guardianships.guardiansOf(child.personalIdentityNumber) : [];
}

async function uniqueReference(trx: Kysely<Database>): Promise<string> {
  for (;;) {
    const reference = requestReference(crypto.getRandomValues(new Uint8Array(8)));
    if (!(await repo.referenceTaken(trx, reference))) return reference;
  }
}

export { STEPS };
