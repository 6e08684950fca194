/**
 * The SIP request (`SipRequest`) as the person fills it in: the steps of the form, what each step
 * accepts, which step comes next, and who must consent before the request goes on. Pure rules; the
 * codes become messages through `errors:request.<field>.<code>`. Model: the citizen's form (seed 004)
 * and the Uppsala guideline (seed 002) on consent, children and protected identity.
 */
import { Issues, type Validated } from '../../shared/forms/form.ts';
import { ageOn, parseIdentityNumber } from '../access/personnummer.domain.ts';

/**
 * The steps of the draft, in order. The protected-identity question comes before them, on the public
 * start page: a "yes" leads to the manual route before anything is stored.
 */
export const STEPS = ['who', 'contacts', 'situation', 'principals', 'coordinator', 'meeting', 'consent'] as const;
export type Step = (typeof STEPS)[number];

export const SUBMITTED_AS = ['self', 'guardian', 'representative', 'relative'] as const;
export type SubmittedAs = (typeof SUBMITTED_AS)[number];
export const COORDINATOR_CHOICES = ['none', 'staff', 'named', 'existing'] as const;
export const MEETING_PLACES = ['home', 'service', 'digital', 'other'] as const;
export const PARTICIPATION = ['yes', 'partly', 'no'] as const;

/** Limits stated in the hints. */
export const LONG_TEXT_MAX = 2000;
export const SHORT_TEXT_MAX = 200;
export const MAX_CONTACTS = 20;

export interface Contact {
  service: string;
  name: string;
  reach: string;
}

/** Everything the form has collected so far (kept as a server-side draft between steps). */
export interface RequestDraft {
  submittedAs?: SubmittedAs;
  /** guardian / representative: the person chosen from the register's list. */
  subjectPersonId?: string;
  /** relative: who the request is for, as the relative typed it. */
  relative?: { givenName: string; familyName: string; personalIdentityNumber: string; birthDate: string };
  contacts?: Contact[];
  situation?: { experience: string; needs: string; wishes: string; childView: string };
  principals?: { principalIds: string[]; dontKnow: boolean };
  coordinator?: { choice: (typeof COORDINATOR_CHOICES)[number]; staffAccountId: string; name: string };
  meeting?: {
    place: (typeof MEETING_PLACES)[number];
    placeOther: string;
    participation: (typeof PARTICIPATION)[number];
    spokesperson: string;
    relatives: string;
    interpreterLanguage: string;
    aids: string;
  };
  consent?: { agreed: true; textVersion: string };
  receiptEmail?: string;
}

/** The current wording of the consent statement; a new wording gets a new version. */
export const CONSENT_TEXT_VERSION = 'request-consent-2026-11';

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** "Do you have protected personal data?" — yes ends the digital route, and nothing is stored. */
export function validateProtected(raw: { answer: string }): Validated<'yes' | 'no'> {
  const issues = new Issues();
  if (raw.answer !== 'yes' && raw.answer !== 'no') issues.add('protectedIdentity', 'required');
  return issues.result(raw.answer as 'yes' | 'no');
}

/** What the person may choose on "who is asking": the children and people they may act for. */
export interface Standings {
  children: { personId: string; age: number }[];
  represented: { personId: string }[];
}

export function validateWho(
  raw: { submittedAs: string; subjectPersonId: string; givenName: string; familyName: string; personalIdentityNumber: string },
  standings: Standings,
  self: { personalIdentityNumber: string },
  now: Date,
): Validated<Pick<RequestDraft, 'submittedAs' | 'subjectPersonId' | 'relative'>> {
  const issues = new Issues();
  if (!isOneOf(SUBMITTED_AS, raw.submittedAs)) return issues.add('submittedAs', 'required').result({});
  const submittedAs = raw.submittedAs;
  if (submittedAs === 'guardian' || submittedAs === 'representative') {
    const allowed = submittedAs === 'guardian' ? standings.children : standings.represented;
    const field = submittedAs === 'guardian' ? 'child' : 'represented';
    if (allowed.length === 0) issues.add('submittedAs', submittedAs === 'guardian' ? 'noChildren' : 'noRepresented');
    else if (raw.subjectPersonId === '') issues.add(field, 'required');
    else if (!allowed.some((a) => a.personId === raw.subjectPersonId)) issues.add(field, 'unknown');
    return issues.result({ submittedAs, subjectPersonId: raw.subjectPersonId });
  }
  if (submittedAs === 'relative') {
    const givenName = issues.textField('givenName', raw.givenName, SHORT_TEXT_MAX);
    const familyName = issues.textField('familyName', raw.familyName, SHORT_TEXT_MAX);
    let pin = '';
    let birthDate = '';
    if (raw.personalIdentityNumber === '') issues.add('personalIdentityNumber', 'required');
    else {
      const parsed = parseIdentityNumber(raw.personalIdentityNumber, now);
      if (!parsed.ok) issues.add('personalIdentityNumber', 'invalidPersonnummer');
      else if (parsed.value.canonical === self.personalIdentityNumber) issues.add('personalIdentityNumber', 'isSelf');
      else if (ageOn(parsed.value.birthDate, now) < 18) issues.add('personalIdentityNumber', 'isChild');
      else ({ canonical: pin, birthDate } = parsed.value);
    }
    return issues.result({ submittedAs, relative: { givenName, familyName, personalIdentityNumber: pin, birthDate } });
  }
  return issues.result({ submittedAs });
}

/** One contact of the kartläggning ("where help comes from today"). */
export function validateContact(raw: Contact, existing: number): Validated<Contact> {
  const issues = new Issues();
  if (existing >= MAX_CONTACTS) issues.add('service', 'tooMany', { max: MAX_CONTACTS });
  const service = issues.textField('service', raw.service, SHORT_TEXT_MAX);
  const name = issues.textField('contactName', raw.name, SHORT_TEXT_MAX, { required: false });
  const reach = issues.textField('reach', raw.reach, SHORT_TEXT_MAX, { required: false });
  return issues.result({ service, name, reach });
}

/** "My situation": all three questions answered; the child's view only asked when the request is for a child. */
export function validateSituation(raw: { experience: string; needs: string; wishes: string; childView: string }, forChild: boolean): Validated<NonNullable<RequestDraft['situation']>> {
  const issues = new Issues();
  const experience = issues.textField('experience', raw.experience, LONG_TEXT_MAX);
  const needs = issues.textField('needs', raw.needs, LONG_TEXT_MAX);
  const wishes = issues.textField('wishes', raw.wishes, LONG_TEXT_MAX);
  const childView = forChild ? issues.textField('childView', raw.childView, LONG_TEXT_MAX, { required: false }) : '';
  return issues.result({ experience, needs, wishes, childView });
}

/**
 * Where the request goes: one or more principals, or "I don't know" with the municipality where the
 * person lives (it then goes there).
 */
export function validatePrincipals(raw: { principalIds: string[]; dontKnow: boolean; homeMunicipalityId: string }, known: { municipalities: ReadonlySet<string>; all: ReadonlySet<string> }): Validated<NonNullable<RequestDraft['principals']>> {
  const issues = new Issues();
  if (raw.dontKnow) {
    if (raw.homeMunicipalityId === '') issues.add('homeMunicipalityId', 'required');
    else if (!known.municipalities.has(raw.homeMunicipalityId)) issues.add('homeMunicipalityId', 'unknown');
    return issues.result({ principalIds: [raw.homeMunicipalityId], dontKnow: true });
  }
  if (raw.principalIds.length === 0) issues.add('principalIds', 'required');
  else if (raw.principalIds.some((p) => !known.all.has(p))) issues.add('principalIds', 'unknown');
  return issues.result({ principalIds: [...new Set(raw.principalIds)], dontKnow: false });
}

/** Who the person would like as coordinator (optional): a staff member from the list, a name, or someone they know. */
export function validateCoordinator(raw: { choice: string; staffAccountId: string; name: string }, coordinators: ReadonlySet<string>): Validated<NonNullable<RequestDraft['coordinator']>> {
  const issues = new Issues();
  if (!isOneOf(COORDINATOR_CHOICES, raw.choice)) return issues.add('coordinatorChoice', 'required').result({ choice: 'none', staffAccountId: '', name: '' });
  let staffAccountId = '';
  let name = '';
  if (raw.choice === 'staff') {
    if (raw.staffAccountId === '') issues.add('coordinatorStaffAccountId', 'required');
    else if (!coordinators.has(raw.staffAccountId)) issues.add('coordinatorStaffAccountId', 'unknown');
    staffAccountId = raw.staffAccountId;
  }
  if (raw.choice === 'named' || raw.choice === 'existing') name = issues.textField(raw.choice === 'named' ? 'coordinatorName' : 'coordinatorExisting', raw.name, SHORT_TEXT_MAX);
  return issues.result({ choice: raw.choice, staffAccountId, name });
}

export function validateMeeting(raw: Record<keyof NonNullable<RequestDraft['meeting']>, string>): Validated<NonNullable<RequestDraft['meeting']>> {
  const issues = new Issues();
  if (!isOneOf(MEETING_PLACES, raw.place)) issues.add('place', 'required');
  const placeOther = raw.place === 'other' ? issues.textField('placeOther', raw.placeOther, SHORT_TEXT_MAX) : '';
  if (!isOneOf(PARTICIPATION, raw.participation)) issues.add('participation', 'required');
  const spokesperson = raw.participation === 'no' ? issues.textField('spokesperson', raw.spokesperson, SHORT_TEXT_MAX) : '';
  const relatives = issues.textField('relatives', raw.relatives, LONG_TEXT_MAX, { required: false });
  const interpreterLanguage = issues.textField('interpreterLanguage', raw.interpreterLanguage, SHORT_TEXT_MAX, { required: false });
  const aids = issues.textField('aids', raw.aids, LONG_TEXT_MAX, { required: false });
  return issues.result({
    place: raw.place as NonNullable<RequestDraft['meeting']>['place'],
    placeOther,
    participation: raw.participation as NonNullable<RequestDraft['meeting']>['participation'],
    spokesperson,
    relatives,
    interpreterLanguage,
    aids,
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The consent statement must be ticked; a receipt e-mail is optional. A relative gives no consent here. */
export function validateConsent(raw: { agreed: boolean; receiptEmail: string }, submittedAs: SubmittedAs): Validated<Pick<RequestDraft, 'consent' | 'receiptEmail'>> {
  const issues = new Issues();
  if (submittedAs !== 'relative' && !raw.agreed) issues.add('agreed', 'required');
  if (raw.receiptEmail !== '' && (!EMAIL.test(raw.receiptEmail) || raw.receiptEmail.length > SHORT_TEXT_MAX)) issues.add('receiptEmail', 'invalidEmail');
  return issues.result({
    ...(submittedAs !== 'relative' ? { consent: { agreed: true as const, textVersion: CONSENT_TEXT_VERSION } } : {}),
    ...(raw.receiptEmail ? { receiptEmail: raw.receiptEmail } : {}),
  });
}

/** Whether a step has been answered (the check page needs them all). */
export function stepDone(draft: RequestDraft, step: Step): boolean {
  switch (step) {
    case 'who':
      return !!draft.submittedAs && (draft.submittedAs === 'self' || !!draft.subjectPersonId || !!draft.relative);
    case 'contacts':
      return draft.contacts !== undefined;
    case 'situation':
      return !!draft.situation;
    case 'principals':
      return !!draft.principals;
    case 'coordinator':
      return !!draft.coordinator;
    case 'meeting':
      return !!draft.meeting;
    case 'consent':
      return draft.submittedAs === 'relative' || !!draft.consent;
  }
}

/** The first step not yet answered, or `check` when all are. */
export function nextStep(draft: RequestDraft): Step | 'check' {
  return STEPS.find((s) => !stepDone(draft, s)) ?? 'check';
}

/** A step may be shown once every step before it is answered (no skipping ahead by URL). */
export function mayVisit(draft: RequestDraft, step: Step | 'check'): boolean {
  const index = step === 'check' ? STEPS.length : STEPS.indexOf(step);
  return STEPS.slice(0, index).every((s) => stepDone(draft, s));
}

/** What a request's state is as the person reads it: its own status until it became a plan, then the plan's. */
export type RequestState = 'awaitingConsent' | 'sent' | 'received' | 'closed' | 'planPreparing' | 'planActive' | 'planClosed';

/**
 * A request that became a plan says where the plan is (a meeting being prepared, in force, ended) rather
 * than "received" for ever; one that ended without a plan (declined, consent withdrawn) stays closed.
 */
export function requestState(status: 'awaitingConsent' | 'sent' | 'received' | 'closed', planStatus: 'preparing' | 'active' | 'closed' | null, closedReason: string | null = null): RequestState {
  if (planStatus === null || closedReason === 'consentWithdrawn' || closedReason === 'declined') return status;
  return planStatus === 'preparing' ? 'planPreparing' : planStatus === 'active' ? 'planActive' : 'planClosed';
}
