import { describe, expect, it } from 'vitest';
import { Issues, checked, formErrors, readForm, text, texts } from './form.ts';

describe('form reading', () => {
  it('trims text, and treats a missing field or a file as empty', () => {
    const form = new FormData();
    form.set('name', '  Anna  ');
    form.set('file', new Blob(['x']));
    expect(text(form, 'name')).toBe('Anna');
    expect(text(form, 'missing')).toBe('');
    expect(text(form, 'file')).toBe('');
  });

  it('reads repeated fields without the empty ones, and checkboxes by presence', () => {
    const form = new FormData();
    form.append('lang', 'sv');
    form.append('lang', ' ');
    form.append('lang', 'ar');
    form.set('agree', 'yes');
    expect(texts(form, 'lang')).toEqual(['sv', 'ar']);
    expect(checked(form, 'agree')).toBe(true);
    expect(checked(form, 'other')).toBe(false);
  });
});

describe('issues', () => {
  it('keeps one issue per field, the first one', () => {
    const issues = new Issues().add('name', 'required').add('name', 'tooLong').add('email', 'invalidEmail');
    expect(issues.list).toEqual([
      { field: 'name', code: 'required' },
      { field: 'email', code: 'invalidEmail' },
    ]);
    expect(issues.result('x')).toEqual({ ok: false, issues: issues.list });
  });

  it('checks required text and its length in characters, not bytes', () => {
    const issues = new Issues();
    issues.textField('a', '', 5);
    issues.textField('b', 'åäöåä', 5);
    issues.textField('c', 'åäöåäö', 5);
    issues.textField('d', '', 5, { required: false });
    expect(issues.list).toEqual([
      { field: 'a', code: 'required' },
      { field: 'c', code: 'tooLong', params: { max: 5 } },
    ]);
  });

  it('refuses line breaks, tabs and other control characters in a single-line field, and only there', () => {
    const issues = new Issues();
    issues.textField('a', 'Anna\u2028=1', 50, { singleLine: true });
    issues.textField('b', 'rad ett\r\nrad två', 50);
    issues.textField('c', 'Anna Exempelsson', 50, { singleLine: true });
    expect(issues.list).toEqual([{ field: 'a', code: 'controlCharacters' }]);
  });

  it('turns codes into messages by feature, field and code, with the summary linking to the first input', () => {
    const t = (key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`;
    const errors = formErrors(t, 'admin', [{ field: 'kind', code: 'required' }, { field: 'name', code: 'tooLong', params: { max: 3 } }], { kind: 'kind-first' });
    expect(errors.byField).toEqual({ kind: 'errors:admin.kind.required', name: 'errors:admin.name.tooLong{"max":3}' });
    expect(errors.summary.map((s) => s.field)).toEqual(['kind-first', 'name']);
  });

  it('a field in a repeated row gets a key without numbers, 1-based numbers for the message and a dashed id', () => {
    const t = (key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`;
    const errors = formErrors(t, 'plan', [{ field: 'goals.1.subGoals.0.text', code: 'required' }]);
    expect(errors.byField).toEqual({ 'goals.1.subGoals.0.text': 'errors:plan.goals.subGoals.text.required{"n":2,"m":1}' });
    expect(errors.summary.map((s) => s.field)).toEqual(['goals-1-subGoals-0-text']);
  });
});

describe('readForm', () => {
  it('takes the NUL character out of every posted name and value (PostgreSQL cannot store it)', async () => {
    const body = new URLSearchParams([['actions.0.actorName', 'Ann\u0000a'], ['id\u0000', '{}']]);
    const form = await readForm(new Request('http://x/', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect([...form.entries()]).toEqual([['actions.0.actorName', 'Anna'], ['id', '{}']]);
  });
});
