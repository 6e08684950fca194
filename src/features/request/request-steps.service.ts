/**
 * One step of the request form: validate what was posted against what this person may choose, keep
 * it in the server-side draft, and say where to go next. Nothing is saved when a step has errors.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import type { Actor } from '../access/access.domain.ts';
import * as repo from './request.repository.ts';
import {
  nextStep,
  validateConsent,
  validateContact,
  validateCoordinator,
  validateMeeting,
  validatePrincipals,
  validateSituation,
  validateWho,
  type RequestDraft,
  type Step,
} from './request.domain.ts';
import type { StepInput } from './request.form.ts';
import { loadDraft, personActor, saveDraft, whoOptions } from './request.service.ts';
import { isChild } from './consent.domain.ts';

export type StepOutcome = { ok: true; next: Step | 'check'; stay?: boolean } | { ok: false; issues: FieldIssue[] };

async function save(db: Kysely<Database>, actor: Actor, clock: Clock, patch: Partial<RequestDraft>, stay = false): Promise<StepOutcome> {
  const draft = await saveDraft(db, actor, clock, patch);
  return { ok: true, next: nextStep(draft), stay };
}

/** Whether the request is for a child (the situation step then asks for the child's view). */
export async function isForChild(db: Kysely<Database>, draft: RequestDraft, now: Date): Promise<boolean> {
  if (draft.submittedAs !== 'guardian' || !draft.subjectPersonId) return false;
  const [child] = await repo.peopleByIds(db, [draft.subjectPersonId]);
  return !!child && isChild(child.birthDate, now);
}

/**
 * Checks and saves one step. `current` is the draft as the page has just read it (saves reading it
 * again); the save itself merges into the draft as read in its own transaction.
 */
export async function submitStep(db: Kysely<Database>, actor: Actor, clock: Clock, input: StepInput, current?: RequestDraft): Promise<StepOutcome> {
  personActor(actor);
  const draft = current ?? (await loadDraft(db, actor));
  switch (input.step) {
    case 'who': {
      const options = await whoOptions(db, actor, clock);
      const result = validateWho(input.raw, options, options.self, clock.now());
      if (!result.ok) return result;
      // A change of whom the request is for drops the answers that depended on it.
      const { submittedAs, subjectPersonId, relative } = result.value;
      return save(db, actor, clock, { submittedAs, subjectPersonId, relative });
    }
    case 'contacts': {
      const contacts = draft.contacts ?? [];
      if (input.intent === 'remove') {
        return save(db, actor, clock, { contacts: contacts.filter((_, i) => i !== input.index) }, true);
      }
      const empty = input.raw.service === '' && input.raw.name === '' && input.raw.reach === '';
      if (input.intent === 'continue' && empty) return save(db, actor, clock, { contacts });
      const result = validateContact(input.raw, contacts.length);
      if (!result.ok) return result;
      return save(db, actor, clock, { contacts: [...contacts, result.value] }, input.intent === 'add');
    }
    case 'situation': {
      const result = validateSituation(input.raw, await isForChild(db, draft, clock.now()));
      return result.ok ? save(db, actor, clock, { situation: result.value }) : result;
    }
    case 'principals': {
      const all = await repo.principals(db);
      const known = { municipalities: new Set(all.filter((p) => p.kind === 'municipality').map((p) => p.id)), all: new Set(all.map((p) => p.id)) };
      const result = validatePrincipals(input.raw, known);
      if (!result.ok) return result;
      // The coordinator list depends on the principals: a changed choice is asked again.
      const changed = JSON.stringify(draft.principals?.principalIds) !== JSON.stringify(result.value.principalIds);
      return save(db, actor, clock, { principals: result.value, ...(changed ? { coordinator: undefined } : {}) });
    }
    case 'coordinator': {
      const coordinators = await repo.coordinatorsIn(db, draft.principals?.principalIds ?? []);
      const result = validateCoordinator(input.raw, new Set(coordinators.map((c) => c.staffAccountId)));
      return result.ok ? save(db, actor, clock, { coordinator: result.value }) : result;
    }
    case 'meeting': {
      const result = validateMeeting(input.raw);
      return result.ok ? save(db, actor, clock, { meeting: result.value }) : result;
    }
    case 'consent': {
      const result = validateConsent(input.raw, draft.submittedAs ?? 'self');
      return result.ok ? save(db, actor, clock, { consent: result.value.consent, receiptEmail: result.value.receiptEmail }) : result;
    }
  }
}

/** What a step needs to show its choices (and the check page its names). */
export async function stepOptions(db: Kysely<Database>, actor: Actor, clock: Clock, draft: RequestDraft) {
  const [who, principals, coordinators, forChild] = await Promise.all([
    whoOptions(db, actor, clock),
    repo.principals(db),
    repo.coordinatorsIn(db, draft.principals?.principalIds ?? []),
    isForChild(db, draft, clock.now()),
  ]);
  return { who, principals, coordinators, forChild };
}

export type StepOptions = Awaited<ReturnType<typeof stepOptions>>;
