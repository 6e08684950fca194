/**
 * Nothing typed is lost when a session times out. A form sent with a session that has just expired
 * (the cookie's secret still matches, so it is the same person) is kept for that owner and that page
 * alone; after they log in again the page gets it back once, as if it had just been sent — only on
 * pages where that means "save what I wrote" (the plan editor, a request step), never a decision.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { SESSION_MAX_AGE_MS } from './session.domain.ts';
import type { SessionOwner } from './session.repository.ts';
import { deleteKept, deleteKeptBefore, replaceKeptForm } from './rescue.repository.ts';

/** Pages whose form is a draft being written: the plan editor and the request steps (not the sending). */
const RESCUABLE = /^\/[a-z]+\/(staff\/plans\/[0-9a-f-]{36}\/edit|request\/(who|contacts|situation|principals|coordinator|meeting|consent))$/;

export function isRescuable(pathname: string): boolean {
  return RESCUABLE.test(pathname);
}

/** The text fields to keep; a button that would decide something (offer the plan) becomes a plain save. */
export function keptFields(form: FormData): [string, string][] {
  return [...form.entries()]
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([k, v]) => [k, k === 'intent' && v === 'offer' ? 'save' : v]);
}

export async function keepForm(db: Kysely<Database>, owner: SessionOwner, path: string, form: FormData, at: Date): Promise<void> {
  await replaceKeptForm(db, owner, path, keptFields(form), at);
}

/** The form kept for this owner and page, once (deleted as it is read); nothing older than a session may live. */
export async function takeForm(db: Kysely<Database>, owner: SessionOwner, path: string, now: Date): Promise<FormData | undefined> {
  const rows = await deleteKept(db, owner, path);
  await deleteKeptBefore(db, new Date(now.getTime() - SESSION_MAX_AGE_MS));
  const row = rows.find((r) => now.getTime() - new Date(r.createdAt).getTime() <= SESSION_MAX_AGE_MS);
  if (!row) return undefined;
  const form = new FormData();
  for (const [k, v] of row.fields as [string, string][]) form.append(k, v);
  return form;
}
