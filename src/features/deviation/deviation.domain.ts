/**
 * Deviations (avvikelser) from the SIP routine, with the types the seeds name. Staff and the person (or
 * their representative) report them; the responsible principal's deviation handlers investigate and
 * answer; the reporter reads the answer. Pure rules: who may report which type, validation, workflow.
 */
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import type { DeviationStatus, DeviationType } from '../../../db/schema.ts';

export const DEVIATION_TYPES: readonly DeviationType[] = ['notInitiated', 'noShow', 'poorTreatment', 'planNotFollowed', 'other'];
/** What a person can report from their plan page (not "no SIP was started": they have one). */
export const PERSON_TYPES: readonly DeviationType[] = ['planNotFollowed', 'poorTreatment', 'noShow', 'other'];
export const DESCRIPTION_MAX = 4000;
export const HANDLING_MAX = 4000;

export interface ReportInput {
  type: string;
  principalId: string;
  description: string;
  invitationId: string;
}

export interface Report {
  type: DeviationType;
  /** '' = "I don't know" (person): the plan's lead principal takes it. */
  principalId: string;
  description: string;
  invitationId: string | null;
}

/**
 * A report: a type the reporter may use, a principal of the plan (a person may say "don't know"), what
 * happened, and for noShow by staff the absent invitee it concerns (one of this plan's).
 */
export function validateReport(raw: ReportInput, ctx: { by: 'staff' | 'person'; principalIds: ReadonlySet<string>; absentInvitationIds: ReadonlySet<string> }): { ok: true; value: Report } | { ok: false; issues: FieldIssue[] } {
  const issues = new Issues();
  const allowed = ctx.by === 'person' ? PERSON_TYPES : DEVIATION_TYPES;
  const type = (allowed as readonly string[]).includes(raw.type) ? (raw.type as DeviationType) : null;
  if (!type) issues.add('type', 'required');
  if (raw.principalId === '' ? ctx.by === 'staff' : !ctx.principalIds.has(raw.principalId)) issues.add('principalId', 'required');
  issues.textField('description', raw.description, DESCRIPTION_MAX);
  let invitationId: string | null = null;
  if (raw.invitationId !== '') {
    if (type !== 'noShow' || !ctx.absentInvitationIds.has(raw.invitationId)) issues.add('invitationId', 'invalid');
    else invitationId = raw.invitationId;
  }
  return type && issues.ok ? { ok: true, value: { type, principalId: raw.principalId, description: raw.description, invitationId } } : { ok: false, issues: issues.list };
}

export type HandlingStep = 'investigate' | 'close';

/**
 * The handler's step: "investigate" records what is being looked into (reported → investigating, or an
 * update while investigating); "close" needs the answer the reporter will read. A closed case stays closed.
 */
export function validateHandling(status: DeviationStatus, raw: { step: string; investigation: string; answer: string }): { ok: true; value: { step: HandlingStep; investigation: string; answer: string; status: DeviationStatus } } | { ok: false; issues: FieldIssue[] } {
  const issues = new Issues();
  if (status === 'closed') return { ok: false, issues: [{ field: 'step', code: 'closed' }] };
  const step = raw.step === 'investigate' || raw.step === 'close' ? raw.step : null;
  if (!step) issues.add('step', 'required');
  issues.textField('investigation', raw.investigation, HANDLING_MAX, { required: step === 'investigate' });
  issues.textField('answer', raw.answer, HANDLING_MAX, { required: step === 'close' });
  if (!step || !issues.ok) return { ok: false, issues: issues.list };
  return { ok: true, value: { step, investigation: raw.investigation, answer: raw.answer, status: step === 'close' ? 'closed' : 'investigating' } };
}
