/** Error messages for the survey: one message per code, whatever the question (questions are data). */
import type { FieldIssue, FormErrors } from '../../shared/forms/form.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function surveyErrors(t: Translate, issues: readonly FieldIssue[]): FormErrors {
  const byField: Record<string, string> = {};
  const summary: FormErrors['summary'] = [];
  for (const issue of issues) {
    const message = t(`errors:feedback.${issue.code}`, issue.params);
    byField[issue.field] = message;
    summary.push({ field: issue.field, message });
  }
  return { byField, summary };
}
