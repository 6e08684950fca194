/** Reads the follow-up form (plain HTML form, indexed field names) into the input the rules check. */
import { text } from '../../shared/forms/form.ts';
import { rowIndexes } from '../plan/plan.form.ts';
import type { FollowUpInput } from './follow-up.domain.ts';

export function readFollowUpForm(form: FormData): FollowUpInput {
  const attendance: Record<string, string> = {};
  for (const key of form.keys()) {
    const m = /^attendance\.([A-Za-z0-9-]{1,64})$/.exec(key);
    if (m) attendance[m[1]!] = text(form, key);
  }
  return {
    assessments: rowIndexes(form, 'assessments.').map((i) => {
      const p = `assessments.${i}.`;
      return { key: text(form, `${p}key`), staffValue: text(form, `${p}staffValue`), staffComment: text(form, `${p}staffComment`), personValue: text(form, `${p}personValue`), personComment: text(form, `${p}personComment`) };
    }),
    attendance,
    decision: text(form, 'decision'),
    nextDate: text(form, 'nextDate'),
    closingReason: text(form, 'closingReason'),
    note: text(form, 'note'),
  };
}
