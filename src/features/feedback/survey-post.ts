/** A posted survey, for both survey pages: the answers as typed, stored once, or the reasons why not. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { noErrors, readForm, type FormErrors } from '../../shared/forms/form.ts';
import { answerSurvey, type Survey } from './feedback.service.ts';
import type { FeedbackVault } from './feedback-keys.ts';
import { surveyErrors } from './survey-errors.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export async function postSurvey(db: Kysely<Database>, clock: Clock, vault: FeedbackVault, t: Translate, request: Request, survey: Survey): Promise<{ done: true } | { done: false; survey: Survey; values: Record<string, string>; errors: FormErrors }> {
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, v.trim()]));
  const outcome = await answerSurvey(db, clock, vault, survey, values);
  if (outcome.ok) return { done: true };
  if ('used' in outcome) return { done: false, survey: survey.state === 'unknown' ? survey : { state: 'used' }, values, errors: noErrors };
  return { done: false, survey, values, errors: surveyErrors(t, outcome.issues) };
}
