/** FormData → raw input for the admin use cases (validation is in admin.domain.ts). */
import { text, texts } from '../../shared/forms/form.ts';

export function principalForm(form: FormData) {
  return { name: text(form, 'name'), kind: text(form, 'kind') };
}

export function unitForm(form: FormData) {
  return { principalId: text(form, 'principalId'), name: text(form, 'name') };
}

export function staffForm(form: FormData) {
  return {
    name: text(form, 'name'),
    hsaId: text(form, 'hsaId'),
    email: text(form, 'email'),
    title: text(form, 'title'),
    worksWith: text(form, 'worksWith'),
    canCoordinate: texts(form, 'roles').includes('canCoordinate'),
    isAdmin: texts(form, 'roles').includes('isAdmin'),
  };
}

export type StaffFormValues = ReturnType<typeof staffForm>;

/** A stored account as the form shows it. */
export function staffFormValues(a: { name: string; hsaId: string; email: string | null; title: string | null; worksWith: string | null; canCoordinate: boolean; isAdmin: boolean }): StaffFormValues {
  return { name: a.name, hsaId: a.hsaId, email: a.email ?? '', title: a.title ?? '', worksWith: a.worksWith ?? '', canCoordinate: a.canCoordinate, isAdmin: a.isAdmin };
}

export function membershipForm(form: FormData) {
  return { unitId: text(form, 'unitId'), role: text(form, 'role') };
}

export function managerForm(form: FormData) {
  return { principalId: text(form, 'managerPrincipalId') };
}

/** Where the error summary links for fields whose first input has another id. */
export const ADMIN_FIELD_IDS = { isAdmin: 'roles', status: 'status-button' };

/** What a POST to a staff account's page asks for (the `intent` button), with its input. */
export type StaffAccountAction =
  | { intent: 'update'; raw: StaffFormValues }
  | { intent: 'enable' | 'disable' }
  | { intent: 'addMembership' | 'removeMembership'; raw: ReturnType<typeof membershipForm> }
  | { intent: 'addManager' | 'removeManager'; raw: ReturnType<typeof managerForm> };

export function staffAccountAction(form: FormData): StaffAccountAction | undefined {
  const intent = text(form, 'intent');
  switch (intent) {
    case 'update':
      return { intent, raw: staffForm(form) };
    case 'enable':
    case 'disable':
      return { intent };
    case 'addMembership':
    case 'removeMembership':
      return { intent, raw: membershipForm(form) };
    case 'addManager':
    case 'removeManager':
      return { intent, raw: managerForm(form) };
    default:
      return undefined;
  }
}
