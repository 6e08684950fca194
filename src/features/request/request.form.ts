/**
 * FormData → raw answers for each step of the request, and a saved draft → the values a step shows.
 * Validation lives in request.domain.ts.
 */
import { checked, text, texts } from '../../shared/forms/form.ts';
import { integerOrUndefined } from '../../shared/forms/integer.ts';
import type { Contact, RequestDraft, Step } from './request.domain.ts';

export type StepValues = Record<string, string | string[]>;

export function whoForm(form: FormData) {
  return {
    submittedAs: text(form, 'submittedAs'),
    subjectPersonId: text(form, text(form, 'submittedAs') === 'representative' ? 'represented' : 'child'),
    givenName: text(form, 'givenName'),
    familyName: text(form, 'familyName'),
    personalIdentityNumber: text(form, 'personalIdentityNumber'),
  };
}

export function contactForm(form: FormData): Contact {
  return { service: text(form, 'service'), name: text(form, 'contactName'), reach: text(form, 'reach') };
}

export function situationForm(form: FormData) {
  return { experience: text(form, 'experience'), needs: text(form, 'needs'), wishes: text(form, 'wishes'), childView: text(form, 'childView') };
}

export function principalsForm(form: FormData) {
  return { principalIds: texts(form, 'principalIds'), dontKnow: checked(form, 'dontKnow'), homeMunicipalityId: text(form, 'homeMunicipalityId') };
}

export function coordinatorForm(form: FormData) {
  const choice = text(form, 'coordinatorChoice');
  return {
    choice,
    staffAccountId: text(form, 'coordinatorStaffAccountId'),
    name: text(form, choice === 'existing' ? 'coordinatorExisting' : 'coordinatorName'),
  };
}

export function meetingForm(form: FormData) {
  return {
    place: text(form, 'place'),
    placeOther: text(form, 'placeOther'),
    participation: text(form, 'participation'),
    spokesperson: text(form, 'spokesperson'),
    relatives: text(form, 'relatives'),
    interpreterLanguage: text(form, 'interpreterLanguage'),
    aids: text(form, 'aids'),
  };
}

export function consentForm(form: FormData) {
  return { agreed: checked(form, 'agreed'), receiptEmail: text(form, 'receiptEmail') };
}

/** What a step shows from the saved draft (the same names as its inputs). */
export function draftValues(draft: RequestDraft, step: Step): StepValues {
  switch (step) {
    case 'who':
      return {
        submittedAs: draft.submittedAs ?? '',
        child: draft.submittedAs === 'guardian' ? (draft.subjectPersonId ?? '') : '',
        represented: draft.submittedAs === 'representative' ? (draft.subjectPersonId ?? '') : '',
        givenName: draft.relative?.givenName ?? '',
        familyName: draft.relative?.familyName ?? '',
        // The number is never shown again once entered; the person types it again to change it.
        personalIdentityNumber: '',
      };
    case 'contacts':
      return { service: '', contactName: '', reach: '' };
    case 'situation':
      return { ...(draft.situation ?? { experience: '', needs: '', wishes: '', childView: '' }) };
    case 'principals':
      return draft.principals?.dontKnow
        ? { principalIds: [], dontKnow: 'yes', homeMunicipalityId: draft.principals.principalIds[0] ?? '' }
        : { principalIds: draft.principals?.principalIds ?? [], dontKnow: '', homeMunicipalityId: '' };
    case 'coordinator':
      return {
        coordinatorChoice: draft.coordinator?.choice ?? '',
        coordinatorStaffAccountId: draft.coordinator?.staffAccountId ?? '',
        coordinatorName: draft.coordinator?.choice === 'named' ? draft.coordinator.name : '',
        coordinatorExisting: draft.coordinator?.choice === 'existing' ? draft.coordinator.name : '',
      };
    case 'meeting':
      return { ...(draft.meeting ?? { place: '', placeOther: '', participation: '', spokesperson: '', relatives: '', interpreterLanguage: '', aids: '' }) };
    case 'consent':
      return { agreed: draft.consent ? 'yes' : '', receiptEmail: draft.receiptEmail ?? '' };
  }
}

/** What the person typed into a step that failed, shown again as it was. */
export function postedValues(form: FormData, step: Step): StepValues {
  const values: StepValues = {};
  for (const key of new Set(form.keys())) {
    if (key === 'intent') continue;
    const all = texts(form, key);
    values[key] = key === 'principalIds' ? all : (all[0] ?? '');
  }
  if (step === 'principals') values.dontKnow = checked(form, 'dontKnow') ? 'yes' : '';
  if (step === 'consent') values.agreed = checked(form, 'agreed') ? 'yes' : '';
  return values;
}

/** One POST to a step, read into the input the service validates. */
export type StepInput =
  | { step: 'who'; raw: ReturnType<typeof whoForm> }
  | { step: 'contacts'; intent: 'add' | 'continue'; raw: Contact }
  | { step: 'contacts'; intent: 'remove'; index: number }
  | { step: 'situation'; raw: ReturnType<typeof situationForm> }
  | { step: 'principals'; raw: ReturnType<typeof principalsForm> }
  | { step: 'coordinator'; raw: ReturnType<typeof coordinatorForm> }
  | { step: 'meeting'; raw: ReturnType<typeof meetingForm> }
  | { step: 'consent'; raw: ReturnType<typeof consentForm> };

export function readStep(step: Step, form: FormData): StepInput {
  switch (step) {
    case 'who':
      return { step, raw: whoForm(form) };
    case 'contacts': {
      const intent = text(form, 'intent');
      // A row number that is not one ('remove-1.5', 'remove-abc') names no row: nothing is removed.
      if (intent.startsWith('remove-')) return { step, intent: 'remove', index: integerOrUndefined(intent.slice(7)) ?? -1 };
      return { step, intent: intent === 'add' ? 'add' : 'continue', raw: contactForm(form) };
    }
    case 'situation':
      return { step, raw: situationForm(form) };
    case 'principals':
      return { step, raw: principalsForm(form) };
    case 'coordinator':
      return { step, raw: coordinatorForm(form) };
    case 'meeting':
      return { step, raw: meetingForm(form) };
    case 'consent':
      return { step, raw: consentForm(form) };
  }
}
