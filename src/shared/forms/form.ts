/**
 * Form plumbing shared by every feature (GOV.UK pattern, shared/style.md): read FormData into plain
 * strings, collect validation *codes* per field, and turn them into messages in the user's language
 * (`errors:<feature>.<field>.<code>`). Pure: no Astro, no database.
 */
import type { TFunction } from 'i18next';

/** One problem with one field, as a code (`required`, `tooLong`, `invalidHsaId`, …). */
export interface FieldIssue {
  field: string;
  code: string;
  /** Values for the message (e.g. `{ max: 2000 }`). */
  params?: Record<string, string | number>;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** A field's trimmed text, '' when missing or not text (a file upload where text was expected). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** Every value of a repeated field (checkboxes), trimmed, empty ones dropped. */
export function texts(form: FormData, name: string): string[] {
  return form
    .getAll(name)
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A checkbox: true when sent with any value. */
export function checked(form: FormData, name: string): boolean {
  return form.has(name);
}

/**
 * C0 and C1 control characters (tab, line feed, carriage return among them) and the Unicode line and
 * paragraph separators. A name never needs one, and in a CSV file each starts a new line or cell for
 * some reader — where a name's second half could begin a formula.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Whether a text holds a control character (see CONTROL_CHARACTERS). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** Collects issues field by field; the first issue of a field wins (one message per field). */
export class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, code: string, params?: FieldIssue['params']): this {
    if (!this.list.some((i) => i.field === field)) this.list.push({ field, code, ...(params ? { params } : {}) });
    return this;
  }
  /**
   * Adds `required` when empty, `tooLong` when over `max` characters, and for a `singleLine` field
   * (a name, a title) `controlCharacters` when it holds a line break, a tab or another control
   * character; returns the value.
   */
  textField(field: string, value: string, max: number, options: { required?: boolean; singleLine?: boolean } = {}): string {
    if (options.required !== false && value === '') this.add(field, 'required');
    else if ([...value].length > max) this.add(field, 'tooLong', { max });
    else if (options.singleLine && hasControlCharacters(value)) this.add(field, 'controlCharacters');
    return value;
  }
  get ok(): boolean {
    return this.list.length === 0;
  }
  result<T>(value: T): Validated<T> {
    return this.ok ? { ok: true, value } : { ok: false, issues: this.list };
  }
}

/** A translation function: i18next's, or a plain one in tests. */
type Translate = TFunction | ((key: string, options?: Record<string, unknown>) => string);

/** What a page needs to re-render a form: messages by field and the summary list, in field order. */
export interface FormErrors {
  byField: Record<string, string>;
  summary: { field: string; message: string }[];
}

export const noErrors: FormErrors = { byField: {}, summary: [] };

/**
 * Messages for issues, from `errors:<feature>.<field>.<code>`. `fieldIds` maps a field to the id of
 * its first input when they differ (radio groups: the first option).
 */
export function formErrors(t: Translate, feature: string, issues: readonly FieldIssue[], fieldIds: Record<string, string> = {}): FormErrors {
  const byField: Record<string, string> = {};
  const summary: FormErrors['summary'] = [];
  for (const issue of issues) {
    const translate = t as (key: string, options?: Record<string, unknown>) => string;
    const row = rowField(issue.field);
    const params = { ...row.params, ...issue.params };
    const message = translate(`errors:${feature}.${row.key}.${issue.code}`, Object.keys(params).length > 0 ? params : undefined);
    byField[issue.field] = message;
    summary.push({ field: fieldIds[issue.field] ?? row.id, message });
  }
  return { byField, summary };
}

/**
 * A field inside a repeated row (`goals.1.subGoals.0.text`): the message key without the numbers
 * (`goals.subGoals.text`), the numbers as 1-based `n`, `m` for the message ("Goal 2"), and an HTML id
 * with dashes. A plain field name is its own key and id.
 */
export function rowField(field: string): { key: string; id: string; params: Record<string, number> } {
  const parts = field.split('.');
  const numbers = parts.filter((p) => /^\d+$/.test(p)).map((p) => Number(p) + 1);
  if (numbers.length === 0) return { key: field, id: field, params: {} };
  const names = ['n', 'm'];
  return {
    key: parts.filter((p) => !/^\d+$/.test(p)).join('.'),
    id: parts.join('-'),
    params: Object.fromEntries(numbers.map((value, i) => [names[i] ?? `n${i}`, value])),
  };
}

/**
 * The posted form, or an empty one when the body is not a form (no content type, broken encoding):
 * bad input then gets the usual validation messages, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new FormData();
  }
  return withoutNul(form);
}

/**
 * The NUL character cannot be stored in PostgreSQL text or jsonb (a save failed with a 500 when a
 * form carried one); nobody types it, so it is taken out of every posted value before anything reads it.
 */
export function withoutNul(form: FormData): FormData {
  let found = false;
  for (const value of form.values()) if (typeof value === 'string' && value.includes('\u0000')) found = true;
  if (!found) return form;
  const clean = new FormData();
  for (const [name, value] of form.entries()) clean.append(name.replaceAll('\u0000', ''), typeof value === 'string' ? value.replaceAll('\u0000', '') : value);
  return clean;
}
