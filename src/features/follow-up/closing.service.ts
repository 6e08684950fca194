/**
 * Closing is done together with the person: staff propose (with a reason), the person — or a guardian or
 * legal representative — confirms on their page, or says "not yet" with a comment the coordinator reads.
 * Withdrawn consent closes at once (consent.service). A closed plan stays readable and printable.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import { isUuid } from '../../shared/forms/ids.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import { AccessDenied, can, type Actor } from '../access/access.domain.ts';
import * as planRepo from '../plan/plan.repository.ts';
import { NOTE_MAX } from './follow-up.domain.ts';
import * as repo from './follow-up.repository.ts';

export async function answerClosing(db: Kysely<Database>, actor: Actor, clock: Clock, planId: string, raw: { answer: string; comment: string }): Promise<{ ok: true; closed: boolean } | { ok: false; issues: FieldIssue[] }> {
  if (actor.kind !== 'person') throw new AccessDenied();
  const plan = isUuid(planId) ? await planRepo.findPlan(db, planId) : undefined;
  if (!plan || !can(actor, 'decide', { type: 'personRecord', personId: plan.subjectPersonId })) throw new AccessDenied();
  const issues = new Issues();
  if (raw.answer !== 'confirm' && raw.answer !== 'notYet') issues.add('answer', 'required');
  issues.textField('comment', raw.comment, NOTE_MAX, { required: raw.answer === 'notYet' });
  if (!issues.ok) return { ok: false, issues: issues.list };
  if (!plan.closingProposedAt || plan.status === 'closed') return { ok: false, issues: [{ field: 'answer', code: 'noLongerProposed' }] };
  const now = clock.now();
  const proposedAt = plan.closingProposedAt;
  const done = await db.transaction().execute(async (trx) => {
    const ok = raw.answer === 'confirm' ? await repo.confirmClosing(trx, planId, proposedAt, actor.personId, now) : await repo.declineClosing(trx, planId, proposedAt, raw.comment, now);
    if (!ok) return false;
    await recordAudit(trx, { actor: { kind: 'person', id: actor.personId }, action: raw.answer === 'confirm' ? 'plan.close' : 'plan.keepOpen', subjectPersonId: plan.subjectPersonId, record: { type: 'plan', id: planId }, at: now });
    return true;
  });
  return done ? { ok: true, closed: raw.answer === 'confirm' } : { ok: false, issues: [{ field: 'answer', code: 'noLongerProposed' }] };
}
