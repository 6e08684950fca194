/**
 * Share my plans with a relative, see who has access, revoke it at once. Only the person themselves
 * manages their shares (a share is personal: a guardian or representative does not pass it on).
 * Each change in one transaction with its audit event.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { FieldIssue } from '../../shared/forms/form.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { AccessDenied, type Actor } from '../access/access.domain.ts';
import * as repo from './sharing.repository.ts';
import { validateShare } from './sharing.domain.ts';

function person(actor: Actor): Extract<Actor, { kind: 'person' }> {
  if (actor.kind !== 'person') throw new AccessDenied();
  return actor;
}

export async function sharingOverview(db: Kysely<Database>, actor: Actor) {
  const a = person(actor);
  const [shares, sharedWithMe] = await Promise.all([repo.sharesOf(db, a.personId), repo.sharedWithMe(db, a.personId)]);
  return { shares, sharedWithMe };
}

export async function grantShare(db: Kysely<Database>, actor: Actor, clock: Clock, raw: { givenName: string; familyName: string; personalIdentityNumber: string }): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const a = person(actor);
  const now = clock.now();
  const input = validateShare(raw, await repo.ownNumber(db, a.personId), now);
  if (!input.ok) return input;
  return db.transaction().execute(async (trx) => {
    const delegateId = await repo.delegatePerson(trx, input.value);
    if (await repo.activeShareExists(trx, a.personId, delegateId)) return { ok: false as const, issues: [{ field: 'personalIdentityNumber', code: 'alreadyShared' }] };
    const id = await repo.insertShare(trx, a.personId, delegateId, a.personId, now);
    await recordAudit(trx, { actor: { kind: 'person', id: a.personId }, action: 'share.grant', subjectPersonId: a.personId, record: { type: 'delegation', id }, at: now });
    return { ok: true as const };
  });
}

export async function revokeShareById(db: Kysely<Database>, actor: Actor, clock: Clock, shareId: string): Promise<void> {
  const a = person(actor);
  if (!isUuid(shareId)) throw new AccessDenied();
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeShare(trx, a.personId, shareId, a.personId, now);
    if (!revoked) throw new AccessDenied();
    await recordAudit(trx, { actor: { kind: 'person', id: a.personId }, action: 'share.revoke', subjectPersonId: a.personId, record: { type: 'delegation', id: shareId }, at: now });
  });
}
