/** Logins under way (all SQL for `login_attempt`). */
import type { Kysely, Selectable } from 'kysely';
import type { Database, LoginAttemptTable } from '../../../db/schema.ts';

export type LoginAttemptRow = Selectable<LoginAttemptTable>;

export async function insertLoginAttempt(db: Kysely<Database>, row: LoginAttemptRow): Promise<void> {
  await db.insertInto('login_attempt').values(row).execute();
}

/** Takes an attempt out (single use): returns it and deletes it in one statement. */
export async function takeLoginAttempt(db: Kysely<Database>, id: string): Promise<LoginAttemptRow | undefined> {
  return db.deleteFrom('login_attempt').where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteLoginAttemptsBefore(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('login_attempt').where('created_at', '<', before).execute();
}
