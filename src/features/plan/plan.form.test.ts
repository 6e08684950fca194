import { describe, expect, it } from 'vitest';
import { applyIntent, readIntent, readPlanForm } from './plan.form.ts';

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe('the plan editor form without JavaScript', () => {
  it('reads numbered rows in order, with sub-goals, and ignores what is not a row', () => {
    const c = readPlanForm(
      form([
        ['goals.1.text', 'Andra'],
        ['goals.0.text', 'Första'],
        ['goals.0.subGoals.0.text', 'Del'],
        ['goals.0.id', 'g-0'],
        ['participants.0.name', 'Anna'],
        ['participants.0.present', 'yes'],
        ['participants.0.role', 'boss'],
        ['actions.0.responsibleKind', 'nobody'],
        ['leadPrincipalId', 'p1'],
        ['evil.0.text', 'x'],
      ]),
    );
    expect(c.goals.map((g) => g.text)).toEqual(['Första', 'Andra']);
    expect(c.goals[0]!.id).toBe('g-0');
    expect(c.goals[0]!.subGoals.map((s) => s.text)).toEqual(['Del']);
    expect(c.participants[0]).toMatchObject({ name: 'Anna', present: true, role: '' });
    expect(c.actions[0]!.responsibleKind).toBe('');
    expect(c.leadPrincipalId).toBe('p1');
  });

  it('knows the buttons and refuses made-up ones (they just save)', () => {
    expect(readIntent(form([['intent', 'add:goals']]))).toEqual({ kind: 'add', list: 'goals' });
    expect(readIntent(form([['intent', 'addSubGoal:2']]))).toEqual({ kind: 'addSubGoal', goal: 2 });
    expect(readIntent(form([['intent', 'remove:goals.1.subGoals.0']]))).toEqual({ kind: 'remove', path: 'goals.1.subGoals.0' });
    expect(readIntent(form([['intent', 'remove:plan']]))).toEqual({ kind: 'save' });
    expect(readIntent(form([['intent', 'offer']]))).toEqual({ kind: 'offer' });
  });

  it('adds a row and lands on it; removing a goal unlinks its actions', () => {
    const c = readPlanForm(form([['goals.0.id', 'g1'], ['goals.0.text', 'Mål'], ['actions.0.what', 'Gör'], ['actions.0.goalId', 'g1']]));
    const added = applyIntent(c, { kind: 'addSubGoal', goal: 0 });
    expect(added.content.goals[0]!.subGoals).toHaveLength(1);
    expect(added.focus).toBe('goals-0-subGoals-0-text');
    const removed = applyIntent(c, { kind: 'remove', path: 'goals.0' });
    expect(removed.content.goals).toEqual([]);
    expect(removed.content.actions[0]!.goalId).toBe('');
    expect(applyIntent(c, { kind: 'add', list: 'actions' }).focus).toBe('actions-1-what');
  });
});
