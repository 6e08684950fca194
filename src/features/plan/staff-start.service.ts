/**
 * A SIP started by staff, when the need is noticed at the unit (e.g. at discharge from hospital):
 * consent is either recorded as given (and how) — the plan opens at once — or asked for on the
 * person's own page.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import { recordAudit } from '../../shared/server/audit.repository.ts';
import type { Actor } from '../access/access.domain.ts';
import { ageOn, parseIdentityNumber } from '../access/personnummer.domain.ts';
import { requestReference } from '../request/consent.domain.ts';
import * as requestRepo from '../request/request.repository.ts';
import * as consentRepo from '../request/consent.repository.ts';
import { emptyContent } from './plan.domain.ts';
import * as directory from './directory.repository.ts';
import * as intake from './intake.repository.ts';
import { OBTAINED_HOW, type ObtainedHow } from './intake.repository.ts';
import * as repo from './plan.repository.ts';
import { rulesFor, staffActor } from './plan.service.ts';

export interface StaffStartInput {
  personalIdentityNumber: string;
  givenName: string;
  familyName: string;
  email: string;
  noProtectedIdentity: boolean;
  noticedAt: string;
  consent: string;
  obtainedHow: string;
  principalId: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A SIP started by staff (the need noticed at the unit, e.g. at discharge from hospital). Consent is
 * either recorded as given (and how) — the plan opens at once — or asked for on the person's own page.
 * Only for adults: a child's SIP starts with the guardians. Never for protected identity.
 */
export async function startFromStaff(db: Kysely<Database>, actor: Actor, clock: Clock, raw: StaffStartInput): Promise<{ ok: true; planId?: string; reference: string } | { ok: false; issues: FieldIssue[] }> {
  const a = staffActor(actor);
  const now = clock.now();
  const issues = new Issues();
  const parsed = parseIdentityNumber(raw.personalIdentityNumber, now);
  if (!parsed.ok) issues.add('personalIdentityNumber', parsed.error);
  else if (ageOn(parsed.value.birthDate, now) < 18) issues.add('personalIdentityNumber', 'child');
  issues.textField('givenName', raw.givenName, 100);
  issues.textField('familyName', raw.familyName, 100);
  if (raw.email !== '' && !EMAIL.test(raw.email)) issues.add('email', 'invalidEmail');
  if (!raw.noProtectedIdentity) issues.add('noProtectedIdentity', 'required');
  issues.textField('noticedAt', raw.noticedAt, 1000);
  if (!a.principalIds.has(raw.principalId)) issues.add('principalId', 'required');
  if (raw.consent !== 'recorded' && raw.consent !== 'askOnline') issues.add('consent', 'required');
  else if (raw.consent === 'recorded' && !(OBTAINED_HOW as readonly string[]).includes(raw.obtainedHow)) issues.add('obtainedHow', 'required');
  if (!issues.ok || !parsed.ok) return { ok: false, issues: issues.list };
  const number = parsed.value.canonical;
  const principals = await directory.principalsByIds(db, [raw.principalId]);
  const rules = await rulesFor(db, [raw.principalId]);
  const mine = (await directory.unitsOfPrincipals(db, [raw.principalId])).filter((u) => a.unitIds.has(u.id)).map((u) => u.id);
  return db.transaction().execute(async (trx) => {
    const personId = await requestRepo.personForNumber(trx, { personalIdentityNumber: number, givenName: raw.givenName, familyName: raw.familyName, birthDate: parsed.value.birthDate });
    if (raw.email) await directory.setEmailIfMissing(trx, personId, raw.email);
    let reference = '';
    do reference = requestReference(crypto.getRandomValues(new Uint8Array(8)));
    while (await requestRepo.referenceTaken(trx, reference));
    const recorded = raw.consent === 'recorded';
    const requestId = await intake.insertStaffRequest(trx, { reference, personId, staffAccountId: a.staffAccountId, consentRecorded: recorded, noticedAt: raw.noticedAt, principalId: raw.principalId, at: now });
    await recordAudit(trx, { actor: { kind: 'staff', id: a.staffAccountId }, action: 'request.register', subjectPersonId: personId, record: { type: 'sip_request', id: requestId }, at: now });
    if (!recorded) {
      await consentRepo.insertRequirement(trx, { requestId, personId, role: 'subject', consentId: null });
      return { ok: true as const, reference };
    }
    const consentId = await intake.insertRecordedConsent(trx, { personId, requestId, principals, staffAccountId: a.staffAccountId, obtainedHow: raw.obtainedHow as ObtainedHow, at: now });
    await consentRepo.insertRequirement(trx, { requestId, personId, role: 'subject', consentId });
    const planId = await repo.insertPlan(
      trx,
      {
        reference,
        subjectPersonId: personId,
        requestId,
        scope: 'regional',
        clockStartedAt: now,
        firstContactDays: rules.firstContactDays,
        firstMeetingDays: rules.firstMeetingDays,
        firstContactAt: null,
        firstContactNote: null,
        takenBy: a.staffAccountId,
        coordinator: a.staffAccountId,
        draft: emptyContent({ currentSituation: raw.noticedAt }),
        at: now,
      },
      [raw.principalId],
      mine,
    );
    return { ok: true as const, planId, reference };
  });
}

/** The principals this staff member acts for (for the start form). */
export async function myPrincipals(db: Kysely<Database>, actor: Actor) {
  return directory.principalsByIds(db, [...staffActor(actor).principalIds]);
}

