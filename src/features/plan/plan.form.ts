/**
 * The plan editor's form, without JavaScript: repeated rows are numbered fields (`goals.1.subGoals.0.text`),
 * "add another" and "remove" are submit buttons (`intent`), and every press saves the whole form first,
 * so nothing typed is lost. Pure.
 */
import { checked, text } from '../../shared/forms/form.ts';
import { emptyContent, PARTICIPANT_ROLES, RESPONSIBLE_KINDS, type Goal, type ParticipantRole, type PlanAction, type PlanContent, type ResponsibleKind } from './plan.domain.ts';

/** The row numbers used under `prefix` (e.g. `goals.` → 0, 1, 3), in order. */
export function rowIndexes(form: FormData, prefix: string): number[] {
  const seen = new Set<number>();
  const pattern = new RegExp(`^${prefix.replaceAll('.', '\\.')}(\\d+)\\.`);
  for (const key of form.keys()) {
    const m = pattern.exec(key);
    if (m) seen.add(Number(m[1]));
  }
  return [...seen].sort((a, b) => a - b);
}

const id = (form: FormData, name: string) => {
  const value = text(form, name);
  return /^[A-Za-z0-9-]{1,64}$/.test(value) ? value : crypto.randomUUID();
};

export function readPlanForm(form: FormData): PlanContent {
  const participants = rowIndexes(form, 'participants.').map((i) => {
    const p = `participants.${i}.`;
    const role = text(form, `${p}role`);
    const invitationId = text(form, `${p}invitationId`);
    return {
      id: id(form, `${p}id`),
      name: text(form, `${p}name`),
      represents: text(form, `${p}represents`),
      role: ((PARTICIPANT_ROLES as readonly string[]).includes(role) ? role : '') as ParticipantRole,
      present: checked(form, `${p}present`),
      ...(/^[0-9a-f-]{36}$/.test(invitationId) ? { invitationId } : {}),
    };
  });
  const needs = rowIndexes(form, 'needs.').map((i) => ({ id: id(form, `needs.${i}.id`), text: text(form, `needs.${i}.text`) }));
  const goals: Goal[] = rowIndexes(form, 'goals.').map((i) => ({
    id: id(form, `goals.${i}.id`),
    text: text(form, `goals.${i}.text`),
    subGoals: rowIndexes(form, `goals.${i}.subGoals.`).map((j) => ({ id: id(form, `goals.${i}.subGoals.${j}.id`), text: text(form, `goals.${i}.subGoals.${j}.text`) })),
  }));
  const actions: PlanAction[] = rowIndexes(form, 'actions.').map((i) => {
    const p = `actions.${i}.`;
    const kind = text(form, `${p}responsibleKind`);
    return {
      id: id(form, `${p}id`),
      what: text(form, `${p}what`),
      goalId: text(form, `${p}goalId`),
      responsibleKind: ((RESPONSIBLE_KINDS as readonly string[]).includes(kind) ? kind : '') as ResponsibleKind | '',
      unitId: text(form, `${p}unitId`),
      actorName: text(form, `${p}actorName`),
      when: text(form, `${p}when`),
      followUpDate: text(form, `${p}followUpDate`),
    };
  });
  return emptyContent({
    participants,
    currentSituation: text(form, 'currentSituation'),
    personWishes: text(form, 'personWishes'),
    needs,
    goals,
    actions,
    otherMatters: text(form, 'otherMatters'),
    followUpDate: text(form, 'followUpDate'),
    followUpCalledBy: text(form, 'followUpCalledBy'),
    coordinatorStaffAccountId: text(form, 'coordinatorStaffAccountId'),
    leadPrincipalId: text(form, 'leadPrincipalId'),
    contactPersons: text(form, 'contactPersons'),
  });
}

export type Intent =
  | { kind: 'save' }
  | { kind: 'offer' }
  | { kind: 'add'; list: 'participants' | 'needs' | 'goals' | 'actions' }
  | { kind: 'addSubGoal'; goal: number }
  | { kind: 'remove'; path: string };

export function readIntent(form: FormData): Intent {
  const value = text(form, 'intent');
  if (value === 'offer') return { kind: 'offer' };
  const add = /^add:(participants|needs|goals|actions)$/.exec(value);
  if (add) return { kind: 'add', list: add[1] as 'participants' | 'needs' | 'goals' | 'actions' };
  const sub = /^addSubGoal:(\d{1,3})$/.exec(value);
  if (sub) return { kind: 'addSubGoal', goal: Number(sub[1]) };
  const remove = /^remove:((?:participants|needs|goals|actions)\.\d{1,3}(?:\.subGoals\.\d{1,3})?)$/.exec(value);
  if (remove) return { kind: 'remove', path: remove[1]! };
  return { kind: 'save' };
}

/**
 * Applies an "add another" or "remove" press to what was posted. Returns the new content and the HTML
 * id to land on (the new row's first field, or the list after a removal).
 */
export function applyIntent(c: PlanContent, intent: Intent): { content: PlanContent; focus?: string } {
  const next = structuredClone(c);
  const fresh = crypto.randomUUID();
  switch (intent.kind) {
    case 'add':
      if (intent.list === 'participants') next.participants.push({ id: fresh, name: '', represents: '', role: '', present: true });
      if (intent.list === 'needs') next.needs.push({ id: fresh, text: '' });
      if (intent.list === 'goals') next.goals.push({ id: fresh, text: '', subGoals: [] });
      if (intent.list === 'actions') next.actions.push({ id: fresh, what: '', goalId: '', responsibleKind: '', unitId: '', actorName: '', when: '', followUpDate: '' });
      return { content: next, focus: `${intent.list}-${next[intent.list].length - 1}-${intent.list === 'participants' ? 'name' : intent.list === 'actions' ? 'what' : 'text'}` };
    case 'addSubGoal': {
      const goal = next.goals[intent.goal];
      if (!goal) return { content: next };
      goal.subGoals.push({ id: fresh, text: '' });
      return { content: next, focus: `goals-${intent.goal}-subGoals-${goal.subGoals.length - 1}-text` };
    }
    case 'remove': {
      const parts = intent.path.split('.');
      const list = parts[0] as 'participants' | 'needs' | 'goals' | 'actions';
      const i = Number(parts[1]);
      if (parts.length === 4) next.goals[i]?.subGoals.splice(Number(parts[3]), 1);
      else {
        const removed = (next[list] as { id: string }[])[i]?.id;
        (next[list] as unknown[]).splice(i, 1);
        // An action that served a removed goal no longer points at it.
        if (list === 'goals' && removed) for (const a of next.actions) if (a.goalId === removed) a.goalId = '';
      }
      return { content: next, focus: `${list}-heading` };
    }
    default:
      return { content: next };
  }
}
