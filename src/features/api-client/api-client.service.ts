/**
 * API clients: an admin issues one for a principal (the secret is shown once) and revokes it; the token
 * endpoint exchanges the client's credentials for a short-lived bearer token; the FHIR API turns a bearer
 * token into the system actor that `can()` judges. Every admin write is audited with it, in one transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { AccessDenied, requireAccess, type Actor } from '../access/access.domain.ts';
import { generateSessionToken, hashSecret, parseSessionToken, secretMatches } from '../access/session.domain.ts';
import { listPrincipals } from '../admin/admin.repository.ts';
import { TOKEN_LIFETIME_SECONDS, newClientSecret, validateClient, type ClientCredentials } from './api-client.domain.ts';
import * as repo from './api-client.repository.ts';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

function admin(actor: Actor, action: 'read' | 'write'): StaffActor {
  requireAccess(actor, action, { type: 'administration' });
  return actor as StaffActor;
}

/** The clients and the principals one can be issued for (admins only). */
export async function clientsOverview(db: Kysely<Database>, actor: Actor) {
  admin(actor, 'read');
  const [clients, principals] = await Promise.all([repo.listClients(db), listPrincipals(db)]);
  return { clients, principals };
}

export type IssueOutcome = { ok: true; id: string; secret: string } | { ok: false; issues: FieldIssue[] };

/** Issues a client for one principal; the secret is returned this once and only its hash is kept. */
export async function issueClient(db: Kysely<Database>, actor: Actor, clock: Clock, raw: { name: string; principalId: string }): Promise<IssueOutcome> {
  const a = admin(actor, 'write');
  const input = validateClient(raw, new Set((await listPrincipals(db)).map((p) => p.id)));
  if (!input.ok) return input;
  const { secret, hash } = newClientSecret();
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const clientId = await repo.insertClient(trx, { ...input.value, secretHash: hash, by: a.staffAccountId, at: now });
    await recordAudit(trx, { actor: { kind: 'staff', id: a.staffAccountId }, action: 'admin.apiClient.create', record: { type: 'api_client', id: clientId }, at: now });
    return clientId;
  });
  return { ok: true, id, secret };
}

/** Revokes a client: its tokens stop working at once. An unknown or already revoked client is a 404. */
export async function revokeClient(db: Kysely<Database>, actor: Actor, clock: Clock, id: string): Promise<void> {
  const a = admin(actor, 'write');
  if (!isUuid(id)) throw new AccessDenied();
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    if (!(await repo.revokeClient(trx, id, now))) throw new AccessDenied();
    await recordAudit(trx, { actor: { kind: 'staff', id: a.staffAccountId }, action: 'admin.apiClient.revoke', record: { type: 'api_client', id }, at: now });
  });
}

// Compared against when the client id is unknown, so a wrong id takes as long as a wrong secret.
const NO_CLIENT_HASH = hashSecret('no such client');

/**
 * The client-credentials grant: a new bearer token for a client whose secret matches, or
 * `invalid_client` (unknown, revoked or wrong secret alike).
 */
export async function grantToken(db: Kysely<Database>, clock: Clock, credentials: ClientCredentials): Promise<{ ok: true; accessToken: string; expiresIn: number } | { ok: false; error: 'invalid_client' }> {
  const client = isUuid(credentials.clientId) ? await repo.activeClient(db, credentials.clientId) : undefined;
  const matches = secretMatches(credentials.clientSecret, client?.secretHash ?? NO_CLIENT_HASH);
  if (!client || !matches) return { ok: false, error: 'invalid_client' };
  const now = clock.now();
  const token = generateSessionToken();
  await db.transaction().execute(async (trx) => {
    await repo.deleteExpiredTokens(trx, now);
    await repo.insertToken(trx, { id: token.id, secretHash: token.secretHash, clientId: client.id, at: now, expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_SECONDS * 1000) });
  });
  return { ok: true, accessToken: token.token, expiresIn: TOKEN_LIFETIME_SECONDS };
}

/** The system actor a live bearer token stands for, or undefined (unknown, expired, revoked, forged). */
export async function systemActor(db: Kysely<Database>, clock: Clock, bearer: string): Promise<Extract<Actor, { kind: 'system' }> | undefined> {
  const parsed = parseSessionToken(bearer);
  if (!parsed) return undefined;
  const row = await repo.liveToken(db, parsed.id, clock.now());
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return undefined;
  return { kind: 'system', apiClientId: row.clientId, principalId: row.principalId, unitIds: new Set(await repo.unitIdsOfPrincipal(db, row.principalId)) };
}
