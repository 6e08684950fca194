/** Sessions in the database (all SQL for the `session` table). */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, SessionTable } from '../../../db/schema.ts';
import { prepared } from '../../shared/server/prepared-query.ts';

export type SessionRow = Selectable<SessionTable>;
export type SessionOwner = { kind: 'person'; personId: string } | { kind: 'staff'; staffAccountId: string };

/** Stores a new session for one owner (a person or a staff account). */
export async function insertSession(
  db: Kysely<Database>,
  session: { id: string; secretHash: Uint8Array; owner: SessionOwner; at: Date },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id: session.id,
      secret_hash: session.secretHash,
      person_id: session.owner.kind === 'person' ? session.owner.personId : null,
      staff_account_id: session.owner.kind === 'staff' ? session.owner.staffAccountId : null,
      created_at: session.at,
      last_seen_at: session.at,
    })
    .execute();
}

/**
 * A session with its owner's name (null when the staff account is disabled or the owner is gone) and,
 * for a person, their personal identity number (the guardianship lookup needs it), in one query.
 */
export async function findSession(db: Kysely<Database>, id: string): Promise<(SessionRow & { owner_name: string | null; owner_pin: string | null }) | undefined> {
  return sessionById.first(db, id);
}

// Read on every request with a session cookie: built and compiled once (prepared-query.ts).
const sessionById = prepared((db: Kysely<Database>, id: string) =>
  db
    .selectFrom('session as s')
    .leftJoin('person as p', 'p.id', 's.person_id')
    .leftJoin('staff_account as a', (join) => join.onRef('a.id', '=', 's.staff_account_id').on('a.disabled_at', 'is', null))
    .selectAll('s')
    .select(sql<string | null>`coalesce(p.given_name || ' ' || p.family_name, a.name)`.as('owner_name'))
    .select('p.personal_identity_number as owner_pin')
    .where('s.id', '=', id),
);

const touch = prepared((db: Kysely<Database>, id: string, at: Date) => db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id));

export async function touchSession(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await touch.run(db, id, at);
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Removes every session idle since `idleBefore` or created before `createdBefore` (retention). */
export async function deleteExpiredSessions(db: Kysely<Database>, idleBefore: Date, createdBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Test routes only: moves every session's times back by `ms` (to make them expire). */
export async function ageAllSessions(db: Kysely<Database>, ms: number): Promise<void> {
  const seconds = Math.round(ms / 1000);
  await db
    .updateTable('session')
    .set((eb) => ({
      created_at: sql<Date>`${eb.ref('created_at')} - make_interval(secs => ${seconds})`,
      last_seen_at: sql<Date>`${eb.ref('last_seen_at')} - make_interval(secs => ${seconds})`,
    }))
    .execute();
}
