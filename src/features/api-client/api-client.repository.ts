/** SQL for API clients and their bearer tokens (only hashes of secrets are stored). */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';

export interface ApiClientRow {
  id: string;
  name: string;
  principalId: string;
  principalName: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function insertClient(db: Kysely<Database>, c: { name: string; principalId: string; secretHash: Uint8Array; by: string; at: Date }): Promise<string> {
  const { id } = await db
    .insertInto('api_client')
    .values({ name: c.name, principal_id: c.principalId, secret_hash: c.secretHash, created_by_staff_account_id: c.by, created_at: c.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Every client, newest first, revoked ones too (the admin sees what was issued). */
export async function listClients(db: Kysely<Database>): Promise<ApiClientRow[]> {
  return db
    .selectFrom('api_client as c')
    .innerJoin('principal as p', 'p.id', 'c.principal_id')
    .select(['c.id', 'c.name', 'c.principal_id as principalId', 'p.name as principalName', 'c.created_at as createdAt', 'c.revoked_at as revokedAt'])
    .orderBy('c.created_at', 'desc')
    .execute();
}

/** A client that is not revoked, with its secret hash. */
export async function activeClient(db: Kysely<Database>, id: string): Promise<{ id: string; principalId: string; secretHash: Uint8Array } | undefined> {
  return db
    .selectFrom('api_client')
    .select(['id', 'principal_id as principalId', 'secret_hash as secretHash'])
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Revokes a client and ends its tokens at once; false when it was not active. */
export async function revokeClient(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('api_client').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  await db.deleteFrom('api_token').where('api_client_id', '=', id).execute();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertToken(db: Kysely<Database>, t: { id: string; secretHash: Uint8Array; clientId: string; at: Date; expiresAt: Date }): Promise<void> {
  await db.insertInto('api_token').values({ id: t.id, secret_hash: t.secretHash, api_client_id: t.clientId, created_at: t.at, expires_at: t.expiresAt }).execute();
}

/** A token that has not expired, of a client that is not revoked. */
export async function liveToken(db: Kysely<Database>, id: string, now: Date): Promise<{ secretHash: Uint8Array; clientId: string; principalId: string } | undefined> {
  return db
    .selectFrom('api_token as t')
    .innerJoin('api_client as c', 'c.id', 't.api_client_id')
    .select(['t.secret_hash as secretHash', 'c.id as clientId', 'c.principal_id as principalId'])
    .where('t.id', '=', id)
    .where('t.expires_at', '>', now)
    .where('c.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Removes expired tokens (called when a new one is issued, so the table stays small). */
export async function deleteExpiredTokens(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('api_token').where('expires_at', '<=', now).execute();
}

export async function unitIdsOfPrincipal(db: Kysely<Database>, principalId: string): Promise<string[]> {
  return (await db.selectFrom('unit').select('id').where('principal_id', '=', principalId).execute()).map((r) => r.id);
}
