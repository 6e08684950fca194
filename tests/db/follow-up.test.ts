/**
 * Follow-up, deviations, closing and SIP-kollen on a real database (PGlite and PostgreSQL): a plan from
 * the demo goes through follow-up (assessments beside the person's view), revision and closing; the
 * reminders job sends exactly once with two runners; deviations reach the handler and the answer the
 * reporter; feedback answers cannot be tied to anyone. Mail goes to a real SMTP server on loopback.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_CITIZENS, DEMO_STAFF } from '../../db/seed/demo-identities.ts';
import { loadActor } from '../../src/features/access/actor.service.ts';
import { demoRegisterGuardianships } from '../../src/features/access/guardianship.repository.ts';
import { upsertPerson } from '../../src/features/access/account.repository.ts';
import { AccessDenied, type Actor } from '../../src/features/access/access.domain.ts';
import { recordFirstContact, takeRequest } from '../../src/features/plan/plan.service.ts';
import { editor, offerPlan } from '../../src/features/plan/plan-edit.service.ts';
import { addInvitee, markHeld, saveMeeting, sendInvitations } from '../../src/features/plan/meeting.service.ts';
import { acceptPlan, myPlan } from '../../src/features/plan/plan-review.service.ts';
import { followUpForm, proposeClosing, saveFollowUp } from '../../src/features/follow-up/follow-up.service.ts';
import { answerClosing } from '../../src/features/follow-up/closing.service.ts';
import { runJobs } from '../../src/features/follow-up/jobs.service.ts';
import { feedbackMails } from '../../src/features/follow-up/follow-up-mail.ts';
import { followUpReminderMail } from '../../src/features/follow-up/reminder-mail.ts';
import { drainOutbox } from '../../src/shared/server/mail-outbox.ts';
import { handleDeviation, handlerCase, handlerList, reportDeviation, reportedOnPlan } from '../../src/features/deviation/deviation.service.ts';
import { answerSurvey, myFeedbackInvitations, surveyByToken, surveyForPerson } from '../../src/features/feedback/feedback.service.ts';
import { ANSWER_COLUMNS } from '../../src/features/feedback/feedback.domain.ts';
import type { FollowUpInput } from '../../src/features/follow-up/follow-up.domain.ts';
import { myOverview } from '../../src/features/request/my-requests.service.ts';
import { fixedClock } from '../../src/shared/time/clock.ts';
import { createTestDatabase, engine } from '../support/db.ts';
import { testVault } from '../support/feedback-vault.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';

let database: AppDatabase;
let smtp: TestSmtp;
const db = () => database.db;
const at = (iso: string) => fixedClock(iso);
const source = () => demoRegisterGuardianships(database.db);
let planId = '';

async function person(sub: string): Promise<Actor> {
  const c = DEMO_CITIZENS.find((x) => x.sub === sub)!;
  const p = c.personalIdentityNumber;
  const personId = await upsertPerson(db(), { personalIdentityNumber: p, givenName: c.givenName, familyName: c.familyName, birthDate: `${p.slice(0, 4)}-${p.slice(4, 6)}-${p.slice(6, 8)}` });
  return (await loadActor(db(), { id: 's', owner: { kind: 'person', personId }, expiresAt: new Date() }, at('2026-11-23T10:00:00Z'), source())).actor;
}

async function staff(sub: string): Promise<Actor> {
  const hsa = DEMO_STAFF.find((s) => s.sub === sub)!.hsaId;
  const { id } = await db().selectFrom('staff_account').select('id').where('hsa_id', '=', hsa).executeTakeFirstOrThrow();
  return (await loadActor(db(), { id: 's', owner: { kind: 'staff', staffAccountId: id }, expiresAt: new Date() }, at('2026-11-23T10:00:00Z'), source())).actor;
}

const idOf = async (table: 'unit' | 'principal', name: string) => (await db().selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const count = async (table: 'follow_up' | 'goal_assessment' | 'feedback_answer' | 'deviation' | 'follow_up_reminder' | 'feedback_invitation') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

function followUpInput(over: Partial<FollowUpInput> = {}): FollowUpInput {
  return {
    assessments: [
      { key: 'g1', staffValue: 'partlyMet', staffComment: 'Samtal varannan vecka', personValue: 'met', personComment: 'Det hjälper mig' },
      { key: 'g1/s1', staffValue: 'met', staffComment: '', personValue: '', personComment: '' },
    ],
    attendance: {},
    decision: 'continue',
    nextDate: '2027-04-01',
    closingReason: '',
    note: '',
    ...over,
  };
}

/** The demo request SIP-DEMO-0001 taken to an active plan (goal g1 with sub-goal s1, follow-up 2027-02-01). */
async function activePlan(): Promise<string> {
  const rasmus = await staff('demo-staff-region');
  const hassan = await person('demo-hassan');
  const clock = at('2026-11-23T10:00:00Z');
  const later = at('2026-12-01T15:00:00Z');
  const { id: requestId } = await db().selectFrom('sip_request').select('id').where('reference', '=', 'SIP-DEMO-0001').executeTakeFirstOrThrow();
  const { planId: id } = await takeRequest(db(), rasmus, clock, requestId);
  await recordFirstContact(db(), rasmus, clock, id, { contactDate: '2026-11-23', note: 'Ringde.', decision: 'goAhead', scope: 'regional', declineReason: '' });
  const booked = await saveMeeting(db(), rasmus, clock, id, { date: '2026-12-01', startTime: '09:00', endTime: '10:30', placeKind: 'service', location: 'Rum 3' });
  if (!booked.ok) throw new Error('not booked');
  await sendInvitations(db(), rasmus, clock, id);
  await markHeld(db(), rasmus, later, id, booked.meetingId);
  const e = await editor(db(), rasmus, later, id);
  const content = {
    ...e.content,
    participants: [{ id: 'p1', name: 'Hassan Exempel', represents: 'Personen', role: '' as const, present: true }],
    needs: [{ id: 'n1', text: 'Stöd när jag mår dåligt' }],
    goals: [{ id: 'g1', text: 'En person att ringa till', subGoals: [{ id: 's1', text: 'Samordnaren ringer varje vecka' }] }],
    actions: [{ id: 'a1', what: 'Samtal varje vecka', goalId: 'g1', responsibleKind: 'unit' as const, unitId: await idOf('unit', 'Vuxenpsykiatri'), actorName: '', when: 'Från december', followUpDate: '2027-01-15' }],
    followUpDate: '2027-02-01',
    leadPrincipalId: await idOf('principal', 'Region Exempel'),
    coordinatorStaffAccountId: rasmus.kind === 'staff' ? rasmus.staffAccountId : '',
  };
  const offered = await offerPlan(db(), rasmus, later, id, content, e.revision);
  expect(offered).toMatchObject({ ok: true, version: 1 });
  expect(await acceptPlan(db(), hassan, later, id, 1)).toEqual({ ok: true });
  return id;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.SIP_MODE = 'demo';
  database = await createTestDatabase();
  await seedDemo(database.db, { activePlan: false, clock: at('2026-11-23T10:00:00Z') });
  // Staff e-mail addresses come from the login; here they are set directly.
  await db().updateTable('staff_account').set({ email: 'rasmus@region.example' }).where('hsa_id', '=', 'SE2321000000-DEMO2').execute();
  await db().updateTable('staff_account').set({ email: 'dora@region.example' }).where('hsa_id', '=', 'SE2321000000-DEMO7').execute();
  planId = await activePlan();
});
afterAll(async () => {
  await database?.close();
  await smtp?.close();
});

describe(`follow-up, deviations, closing and SIP-kollen on ${engine}`, () => {
  let relativeToken = '';

  it('accepting the plan gives it its follow-up date; the person sees it and whether it is late', async () => {
    const hassan = await person('demo-hassan');
    // The request says where its plan is, not "received" for ever (issue 19).
    expect((await myOverview(db(), hassan)).requests.find((r) => r.reference === 'SIP-DEMO-0001')?.state).toBe('planActive');
    expect((await myPlan(db(), hassan, at('2027-01-10T10:00:00Z'), planId)).next).toEqual({ kind: 'followUp', dueDate: '2027-02-01', overdue: false });
    expect((await myPlan(db(), hassan, at('2027-02-03T10:00:00Z'), planId)).next).toMatchObject({ kind: 'followUp', overdue: true });
  });

  it('reminders: exactly one per plan and kind with two runners at once, none again on a rerun; overdue later', async () => {
    const clock = at('2027-01-28T06:00:00Z');
    const [a, b] = await Promise.all([runJobs(db(), clock, followUpReminderMail), runJobs(db(), clock, followUpReminderMail)]);
    expect(a.reminders + b.reminders).toBe(1);
    expect(await runJobs(db(), clock, followUpReminderMail)).toMatchObject({ skipped: false, reminders: 0 });
    expect(await runJobs(db(), at('2027-02-03T06:00:00Z'), followUpReminderMail)).toMatchObject({ reminders: 1 });
    // Each went into the mail outbox once; its sender delivers them.
    const before = smtp.messages.length;
    expect(await drainOutbox(db(), at('2027-02-03T06:00:00Z'))).toMatchObject({ sent: 2, retried: 0 });
    const sent = (await smtp.waitFor(before + 2)).slice(before);
    expect(sent.map((m) => `${m.to && !Array.isArray(m.to) ? m.to.text : ''} ${m.subject}`).sort()).toEqual([
      expect.stringMatching(/^rasmus@region\.example .*SIP-DEMO-0001/),
      expect.stringMatching(/^rasmus@region\.example .*SIP-DEMO-0001/),
    ]);
    expect(new Set(sent.map((m) => m.subject)).size).toBe(2);
  });

  it('a follow-up meeting is called like the first; the form lists every goal and sub-goal', async () => {
    const rasmus = await staff('demo-staff-region');
    const clock = at('2027-01-20T10:00:00Z');
    expect((await saveMeeting(db(), rasmus, clock, planId, { date: '2027-01-25', startTime: '10:00', endTime: '11:00', placeKind: 'service', location: 'Rum 3' })).ok).toBe(true);
    expect(await addInvitee(db(), rasmus, clock, planId, { kind: 'relative', staffAccountId: '', name: 'Bengt Exempelsson', organisation: '', email: 'bengt@example.se' })).toEqual({ ok: true });
    await sendInvitations(db(), rasmus, clock, planId);
    const before = await followUpForm(db(), rasmus, clock, planId);
    expect(before.meeting).toBeUndefined();
    const f = await followUpForm(db(), rasmus, at('2027-01-25T12:00:00Z'), planId);
    expect(f.meeting?.kind).toBe('followUp');
    expect(f.targets.map((t) => t.key)).toEqual(['g1', 'g1/s1']);
  });

  it('bad input: a goal of another plan, a date before today, a missing assessment — clear reasons, nothing stored', async () => {
    const rasmus = await staff('demo-staff-region');
    const clock = at('2027-01-25T12:00:00Z');
    const issues = async (input: FollowUpInput) => {
      const r = await saveFollowUp(db(), rasmus, clock, planId, input, 'record');
      return r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`);
    };
    expect(await issues(followUpInput({ assessments: [...followUpInput().assessments, { key: 'other-plan-goal', staffValue: 'met', staffComment: '', personValue: '', personComment: '' }] }))).toEqual(['assessments:unknownGoal']);
    expect(await issues(followUpInput({ nextDate: '2027-01-01' }))).toEqual(['nextDate:notInFuture']);
    expect(await issues(followUpInput({ assessments: [followUpInput().assessments[0]!] }))).toEqual(['assessments:missing']);
    expect(await issues(followUpInput({ assessments: [{ ...followUpInput().assessments[0]!, staffValue: 'great' }, followUpInput().assessments[1]!], decision: 'close', closingReason: '' }))).toEqual(['assessments.0.staffValue:required', 'closingReason:required']);
    expect(await count('follow_up')).toBe(0);
    expect(await count('goal_assessment')).toBe(0);
    // Someone else's plan cannot be followed up.
    await expect(saveFollowUp(db(), await staff('demo-staff-skogsby'), clock, planId, followUpInput(), 'record')).rejects.toBeInstanceOf(AccessDenied);
  });

  it('recorded: assessments beside the person view, the new date, SIP-kollen invitations out; the person reads it all', async () => {
    const rasmus = await staff('demo-staff-region');
    const clock = at('2027-01-25T12:00:00Z');
    expect(await saveFollowUp(db(), rasmus, clock, planId, followUpInput({ note: 'utkast' }), 'save')).toEqual({ ok: true, saved: true });
    expect((await followUpForm(db(), rasmus, clock, planId)).draft?.note).toBe('utkast');
    const outcome = await saveFollowUp(db(), rasmus, clock, planId, followUpInput(), 'record', feedbackMails);
    if (!outcome.ok || outcome.saved) throw new Error('not recorded');
    expect(outcome.decision).toBe('continue');
    expect(outcome.mails.map((m) => m.to)).toEqual(['bengt@example.se']);
    relativeToken = outcome.mails[0]!.token;
    const before = smtp.messages.length;
    expect(await drainOutbox(db(), clock)).toMatchObject({ sent: 1 });
    const mail = (await smtp.waitFor(before + 1))[before];
    expect(mail!.text).toContain(`/sv/sip-kollen/${relativeToken}`);
    expect(mail!.text).not.toContain('Hassan');
    expect(await saveFollowUp(db(), rasmus, clock, planId, followUpInput(), 'record').catch((e: unknown) => e)).toBeInstanceOf(AccessDenied);
    const hassan = await person('demo-hassan');
    const mine = await myPlan(db(), hassan, clock, planId);
    expect(mine.next).toMatchObject({ kind: 'followUp', dueDate: '2027-04-01' });
    expect(mine.followUps).toHaveLength(1);
    expect(mine.followUps[0]!.assessments.map((a) => [a.target.key, a.assessment!.staffValue, a.assessment!.personValue])).toEqual([
      ['g1', 'partlyMet', 'met'],
      ['g1/s1', 'met', null],
    ]);
    const actions = await db().selectFrom('audit_event').select('action').where('record_id', '=', planId).execute();
    expect(actions.map((a) => a.action)).toContain('followUp.record');
  });

  it('SIP-kollen: one answer per token, out-of-range and empty forms refused (the link kept), and the answer row cannot point at anyone', async () => {
    // A batch of two here, so that the two answers of this plan are released (the portal uses STATS_MIN_COUNT).
    const vault = testVault(2);
    const hassan = await person('demo-hassan');
    const clock = at('2027-01-26T09:00:00Z');
    const [invitation] = await myFeedbackInvitations(db(), hassan, clock, vault);
    expect(invitation?.reference).toBe('SIP-DEMO-0001');
    // Another person cannot open Hassan's invitation.
    await expect(surveyForPerson(db(), await person('demo-anna'), clock, vault, invitation!.id)).rejects.toBeInstanceOf(AccessDenied);
    const survey = await surveyForPerson(db(), hassan, clock, vault, invitation!.id);
    expect(survey.state).toBe('open');
    expect(await answerSurvey(db(), clock, vault, survey, { informed: '7', tookPart: 'x' })).toEqual({ ok: false, issues: [{ field: 'informed', code: 'outOfRange' }, { field: 'tookPart', code: 'outOfRange' }] });
    // An empty form is refused and does not use up the link (issue 19).
    expect(await answerSurvey(db(), clock, vault, survey, { informed: '', mattersMost: ' ' })).toEqual({ ok: false, issues: [{ field: 'informed', code: 'empty' }] });
    expect((await surveyForPerson(db(), hassan, clock, vault, invitation!.id)).state).toBe('open');
    expect(await myFeedbackInvitations(db(), hassan, clock, vault)).toHaveLength(1);
    expect(await count('feedback_answer')).toBe(0);
    expect(await answerSurvey(db(), clock, vault, survey, { informed: '4', tookPart: '5', listenedTo: 'dontKnow', mattersMost: 'Att någon ringer' })).toEqual({ ok: true });
    expect(await answerSurvey(db(), clock, vault, survey, { informed: '1' })).toEqual({ ok: false, used: true });
    expect(await myFeedbackInvitations(db(), hassan, clock, vault)).toEqual([]);
    expect((await surveyForPerson(db(), hassan, clock, vault, invitation!.id)).state).toBe('used');
    // One answer waits sealed in the pool: nothing released yet.
    expect(await count('feedback_answer')).toBe(0);
    const pooled = await db().selectFrom('feedback_answer_pool').select('sealed').execute();
    expect(pooled).toHaveLength(1);
    expect(pooled[0]!.sealed).not.toContain('ringer');
    // The relative answers through the e-mail link, once; the pool holds a batch and is released.
    const byMail = await surveyByToken(db(), clock, vault, relativeToken);
    expect(await answerSurvey(db(), clock, vault, byMail, { meaningful: '3' })).toEqual({ ok: true });
    expect((await surveyByToken(db(), clock, vault, relativeToken)).state).toBe('used');
    expect((await surveyByToken(db(), clock, vault, 'a'.repeat(32))).state).toBe('unknown');
    const rows = await db().selectFrom('feedback_answer').selectAll().execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.quarter)).toEqual(['2027-Q1', '2027-Q1']);
    expect(await db().selectFrom('feedback_answer_pool').selectAll().execute()).toEqual([]);
    // The invitations stay until they expire (deleting them told who had answered); "used" is a MAC only.
    // (Before: the invitation was deleted when used and this count was 0 — the leak of issue 18.)
    expect(await count('feedback_invitation')).toBe(2);
    const used = await db().selectFrom('feedback_used_token').selectAll().execute();
    expect(used.map((u) => Object.keys(u))).toEqual([['mac'], ['mac']]);
    const ids = (await db().selectFrom('feedback_invitation').select(['id', 'token_hash']).execute()).flatMap((i) => [i.id, i.token_hash]);
    expect(used.filter((u) => ids.includes(u.mac))).toEqual([]);
  });

  it('unlinkable by design: the answer table has exactly the allowed columns, none of them a time, a person, a plan or a token', async () => {
    const columns = await sql<{ column_name: string; data_type: string; column_default: string | null }>`
      select column_name, data_type, column_default from information_schema.columns
      where table_schema = current_schema() and table_name = 'feedback_answer' order by ordinal_position`.execute(db());
    expect(columns.rows.map((c) => c.column_name).sort()).toEqual([...ANSWER_COLUMNS].sort());
    expect(columns.rows.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    expect(columns.rows.filter((c) => /nextval|now\(\)|current_/.test(c.column_default ?? ''))).toEqual([]);
    const usedColumns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'feedback_used_token'`.execute(db());
    expect(usedColumns.rows.map((c) => c.column_name)).toEqual(['mac']);
  });

  it('deviations: the person reports in their words, the handler investigates and answers, the person reads the answer', async () => {
    const hassan = await person('demo-hassan');
    const dora = await staff('demo-staff-avvikelse');
    const karin = await staff('demo-staff-kommun');
    const clock = at('2027-01-27T09:00:00Z');
    const bad = await reportDeviation(db(), hassan, clock, planId, { type: 'notInitiated', principalId: '', description: '', invitationId: '' });
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['type:required', 'description:required']);
    const ok = await reportDeviation(db(), hassan, clock, planId, { type: 'poorTreatment', principalId: '', description: 'Ingen lyssnade på mig.', invitationId: '' });
    expect(ok).toEqual({ ok: true, handlerEmails: ['dora@region.example'] });
    // Anna has nothing to do with the plan; Sofia's unit does not take part.
    await expect(reportDeviation(db(), await person('demo-anna'), clock, planId, { type: 'other', principalId: '', description: 'x', invitationId: '' })).rejects.toBeInstanceOf(AccessDenied);
    await expect(reportDeviation(db(), await staff('demo-staff-skogsby'), clock, planId, { type: 'other', principalId: '', description: 'x', invitationId: '' })).rejects.toBeInstanceOf(AccessDenied);
    const list = await handlerList(db(), dora);
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain('Hassan');
    expect(await handlerList(db(), karin)).toEqual([]);
    const id = list[0]!.id;
    await expect(handlerCase(db(), karin, clock, id)).rejects.toBeInstanceOf(AccessDenied);
    expect((await handlerCase(db(), dora, clock, id)).subjectName).toBe('Hassan Exempel');
    const noAnswer = await handleDeviation(db(), dora, clock, id, { step: 'close', investigation: '', answer: '' });
    expect(noAnswer.ok ? [] : noAnswer.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['answer:required']);
    expect(await handleDeviation(db(), dora, clock, id, { step: 'investigate', investigation: 'Pratar med mötets ordförande.', answer: '' })).toEqual({ ok: true, status: 'investigating' });
    expect(await handleDeviation(db(), dora, clock, id, { step: 'close', investigation: 'Pratat med ordföranden.', answer: 'Vi beklagar. Nästa möte leds av någon annan.' })).toEqual({ ok: true, status: 'closed' });
    expect((await handleDeviation(db(), dora, clock, id, { step: 'investigate', investigation: 'x', answer: '' })).ok).toBe(false);
    const [mine] = await reportedOnPlan(db(), hassan, planId);
    expect(mine).toMatchObject({ status: 'closed', answer: 'Vi beklagar. Nästa möte leds av någon annan.' });
  });

  it('revision at a follow-up, then closing together with the person', async () => {
    const rasmus = await staff('demo-staff-region');
    const hassan = await person('demo-hassan');
    let clock = at('2027-03-20T10:00:00Z');
    expect((await saveMeeting(db(), rasmus, clock, planId, { date: '2027-03-25', startTime: '10:00', endTime: '11:00', placeKind: 'digital', location: 'Länk i kallelsen' })).ok).toBe(true);
    await sendInvitations(db(), rasmus, clock, planId);
    clock = at('2027-03-25T12:00:00Z');
    const revised = await saveFollowUp(db(), rasmus, clock, planId, followUpInput({ decision: 'revise', nextDate: '2027-06-01' }), 'record');
    expect(revised).toMatchObject({ ok: true, saved: false, decision: 'revise' });
    const e = await editor(db(), rasmus, clock, planId);
    const v2 = await offerPlan(db(), rasmus, clock, planId, { ...e.content, actions: e.content.actions.map((a) => ({ ...a, followUpDate: '2027-05-01' })), followUpDate: '2027-06-15', otherMatters: 'Nytt mål om arbete.' }, e.revision);
    expect(v2).toMatchObject({ ok: true, version: 2 });
    expect(await acceptPlan(db(), hassan, clock, planId, 2)).toEqual({ ok: true });
    expect((await myPlan(db(), hassan, clock, planId)).next).toMatchObject({ kind: 'followUp', dueDate: '2027-06-15' });
    // Closing: someone else's plan cannot be closed; the person says "not yet", then yes.
    await expect(proposeClosing(db(), await staff('demo-staff-skogsby'), clock, planId, { reason: 'goalsMet', note: '' })).rejects.toBeInstanceOf(AccessDenied);
    const noReason = await proposeClosing(db(), rasmus, clock, planId, { reason: '', note: '' });
    expect(noReason.ok ? [] : noReason.issues.map((i) => i.field)).toEqual(['reason']);
    expect(await proposeClosing(db(), rasmus, clock, planId, { reason: 'goalsMet', note: 'Målen är nådda.' })).toEqual({ ok: true });
    await expect(answerClosing(db(), await person('demo-anna'), clock, planId, { answer: 'confirm', comment: '' })).rejects.toBeInstanceOf(AccessDenied);
    const noComment = await answerClosing(db(), hassan, clock, planId, { answer: 'notYet', comment: '' });
    expect(noComment.ok ? [] : noComment.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['comment:required']);
    expect(await answerClosing(db(), hassan, clock, planId, { answer: 'notYet', comment: 'Jag vill ha en uppföljning till.' })).toEqual({ ok: true, closed: false });
    expect(await answerClosing(db(), hassan, clock, planId, { answer: 'confirm', comment: '' })).toEqual({ ok: false, issues: [{ field: 'answer', code: 'noLongerProposed' }] });
    expect(await proposeClosing(db(), rasmus, clock, planId, { reason: 'goalsMet', note: '' })).toEqual({ ok: true });
    expect(await answerClosing(db(), hassan, clock, planId, { answer: 'confirm', comment: '' })).toEqual({ ok: true, closed: true });
    const closed = await myPlan(db(), hassan, clock, planId);
    expect(closed.plan).toMatchObject({ status: 'closed', closedReason: 'goalsMet' });
    expect(closed.content?.goals[0]?.text).toBe('En person att ringa till');
    expect(closed.followUps.map((f) => f.decision)).toEqual(['revise', 'continue']);
  });
});
