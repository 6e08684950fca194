/**
 * Invented data in bulk for the dashboard and the benchmarks: persons, requests, plans over five years
 * (growing, with a summer dip), first meetings (most within the deadline, a long tail), follow-ups about
 * every half year (mostly on time; goals more often met at later follow-ups), attendance, deviations (about
 * one plan in twelve) and SIP-kollen answers (about one meeting in three). Everything is generated inside
 * the database with generate_series in chunks (one transaction each), so it is fast on PostgreSQL and
 * works on PGlite. Ids are md5-derived from the row number, so a second run continues where the first
 * stopped. Plans are spread over the demo agreements' principals and units (the demo seed must exist).
 * Every name is marked "Syntet"; no real person.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface SyntheticResult {
  plans: number;
  ms: number;
}

const CHUNK = 20_000;

export async function generateSynthetic(db: Kysely<Database>, count: number, now: Date, onChunk?: (done: number) => void): Promise<SyntheticResult> {
  const started = performance.now();
  const { rows: existing } = await sql<{ n: string }>`select count(*) as n from plan where reference like 'SYN-%'`.execute(db);
  const offset = Number(existing[0]!.n);
  // Pairs of principals a plan can have (region + municipality, municipality + school), with their units.
  const { rows: pairs } = await sql<{ a: string; b: string }>`
    select r.id as a, m.id as b from principal r join principal m on m.agreement_id = r.agreement_id and m.id <> r.id
    where r.kind = 'region' and m.kind in ('municipality', 'school')
    union all
    select m.id, s.id from principal m join principal s on s.agreement_id = m.agreement_id and s.kind = 'school'
    where m.kind = 'municipality'`.execute(db);
  if (pairs.length === 0) throw new Error('No principals with an agreement: load the demo data first (npm run demo, or seedDemo).');
  const pairsJson = JSON.stringify(pairs);
  for (let from = offset + 1; from <= offset + count; from += CHUNK) {
    const to = Math.min(from + CHUNK - 1, offset + count);
    await db.transaction().execute((trx) => chunk(trx, from, to, now, pairsJson));
    onChunk?.(to - offset);
  }
  return { plans: count, ms: Math.round(performance.now() - started) };
}

/** Pseudo-random in [0, 1) from a row number and a salt: the same every run. */
const r = (i: string, salt: string) => sql`(('x' || substr(md5(${sql.raw(i)}::text || ${salt}), 1, 8))::bit(32)::bigint::float8 / 4294967296.0)`;

async function chunk(db: Kysely<Database>, from: number, to: number, now: Date, pairsJson: string): Promise<void> {
  const nowTs = now.toISOString();
  // One row per plan with everything decided up front.
  await sql`create temporary table syn on commit drop as
    with base as (
      select i,
        md5('person' || i)::uuid as person_id,
        md5('plan' || i)::uuid as plan_id,
        md5('request' || i)::uuid as request_id,
        ${r('i', 'pair')} as r_pair, ${r('i', 'age')} as r_age, ${r('i', 'when')} as r_when, ${r('i', 'july')} as r_july,
        ${r('i', 'citizen')} as r_citizen, ${r('i', 'first')} as r_first, ${r('i', 'close')} as r_close, ${r('i', 'reason')} as r_reason,
        ${r('i', 'unit')} as r_unit, ${r('i', 'prep')} as r_prep
      from generate_series(${from}::int, ${to}::int) i
    ),
    timed as (
      select b.*,
        -- Five years, more plans lately (square root), fewer started in July.
        ${nowTs}::timestamptz - interval '1826 days' + (1826 * sqrt(b.r_when)) * interval '1 day' as created_raw
      from base b
    ),
    shifted as (
      select t.*,
        case when extract(month from t.created_raw) = 7 and t.r_july < 0.6 and t.created_raw < ${nowTs}::timestamptz - interval '31 days'
        then t.created_raw + interval '31 days' else t.created_raw end as created_at
      from timed t
    )
    select s.*,
      (p.value ->> 'a')::uuid as principal_a, (p.value ->> 'b')::uuid as principal_b,
      (select kind from principal where id = (p.value ->> 'b')::uuid) = 'school' and (select kind from principal where id = (p.value ->> 'a')::uuid) = 'municipality' as local,
      s.created_at + (s.r_first * 5) * interval '1 day' as clock_started_at,
      -- Most first meetings within a month, a long tail.
      case when s.r_prep < 0.04 and s.created_at > ${nowTs}::timestamptz - interval '60 days' then null
           else s.created_at + (3 + 60 * power(s.r_first, 2.2)) * interval '1 day' end as first_meeting_at,
      case when s.r_close < 0.55 then s.created_at + (120 + 600 * s.r_close) * interval '1 day' end as closed_raw,
      case when s.r_reason < 0.40 then 'goalsMet' when s.r_reason < 0.65 then 'noLongerNeeded' when s.r_reason < 0.75 then 'consentWithdrawn'
           when s.r_reason < 0.85 then 'moved' else 'other' end as reason,
      date '1935-01-01' + (s.r_age * 30000)::int as birth_date
    from shifted s
    cross join lateral (select value from jsonb_array_elements(${pairsJson}::jsonb) with ordinality e(value, n)
                        where n = 1 + floor(s.r_pair * jsonb_array_length(${pairsJson}::jsonb))::int) p`.execute(db);
  await sql`alter table syn add column closed_at timestamptz`.execute(db);
  await sql`update syn set closed_at = closed_raw where closed_raw < ${nowTs}::timestamptz and first_meeting_at is not null and closed_raw > first_meeting_at`.execute(db);

  await sql`insert into person (id, personal_identity_number, given_name, family_name, birth_date, created_at)
    select person_id, 'SYN' || lpad(i::text, 9, '0'), 'Syntet', 'Person ' || i, birth_date, created_at from syn`.execute(db);
  await sql`insert into sip_request (id, reference, subject_person_id, submitted_by_person_id, submitted_as, status, answers, idempotency_key, created_at, sent_at, received_at, closed_at, closed_reason)
    select request_id, 'SYNR-' || lpad(i::text, 8, '0'), person_id, person_id, 'self', 'closed', '{}'::jsonb, 'syn-' || i,
      created_at - interval '3 days', created_at - interval '2 days', created_at, created_at, 'planCreated'
    from syn where r_citizen < 0.7`.execute(db);
  // Plans started by staff have a request of their own too, as startFromStaff makes (never sent: not counted as a request).
  await sql`insert into sip_request (id, reference, subject_person_id, submitted_by_person_id, created_by_staff_account_id, submitted_as, status, answers, idempotency_key, created_at, received_at, closed_at, closed_reason)
    select request_id, 'SYNR-' || lpad(i::text, 8, '0'), person_id, null, (select id from staff_account order by id limit 1), 'staff', 'closed', '{}'::jsonb, 'syn-' || i,
      created_at, created_at, created_at, 'planCreated'
    from syn where r_citizen >= 0.7`.execute(db);
  await sql`insert into sip_request_principal (request_id, principal_id)
    select request_id, principal_a from syn union all select request_id, principal_b from syn`.execute(db);
  // Every plan has the person's consent naming its two principals (the consent scope), withdrawn where the plan closed for it.
  await sql`insert into consent (subject_person_id, given_by_person_id, given_as, request_id, scope, text_version, given_at, withdrawn_at, withdrawn_by_person_id)
    select s.person_id, s.person_id, 'self', s.request_id,
      jsonb_build_object('principals', jsonb_build_array(jsonb_build_object('id', a.id, 'name', a.name), jsonb_build_object('id', b.id, 'name', b.name))),
      'request-consent-2026-11', s.created_at - interval '3 days',
      case when s.reason = 'consentWithdrawn' then s.closed_at end, case when s.reason = 'consentWithdrawn' and s.closed_at is not null then s.person_id end
    from syn s join principal a on a.id = s.principal_a join principal b on b.id = s.principal_b`.execute(db);
  await sql`insert into consent_requirement (request_id, person_id, role, consent_id)
    select c.request_id, c.subject_person_id, 'subject', c.id from consent c join syn s on s.request_id = c.request_id`.execute(db);
  await sql`insert into plan (id, reference, subject_person_id, request_id, scope, status, clock_started_at, first_contact_days, first_meeting_days,
      first_contact_at, lead_principal_id, draft, active_version, first_meeting_held_at, created_at, closed_at, closed_reason, follow_up_date)
    select plan_id, 'SYN-' || lpad(i::text, 8, '0'), person_id, request_id,
      case when local then 'local' else 'regional' end,
      case when closed_at is not null then 'closed' when first_meeting_at is null then 'preparing' else 'active' end,
      clock_started_at, 5, case when local then 20 else 30 end, clock_started_at + interval '2 days', principal_a, '{}'::jsonb,
      case when first_meeting_at is not null then 1 end, first_meeting_at, created_at, closed_at, case when closed_at is not null then reason end,
      case when closed_at is null and first_meeting_at is not null
        then to_char((first_meeting_at + ceil(extract(epoch from ${nowTs}::timestamptz - first_meeting_at) / 86400 / 180) * interval '180 days') at time zone 'Europe/Stockholm', 'YYYY-MM-DD') end
    from syn`.execute(db);
  await sql`insert into plan_principal (plan_id, principal_id) select plan_id, principal_a from syn union all select plan_id, principal_b from syn`.execute(db);
  await sql`insert into plan_unit (plan_id, unit_id)
    select s.plan_id, u.id from syn s
    cross join lateral (values (s.principal_a), (s.principal_b)) x(p)
    cross join lateral (
      select id from unit where principal_id = x.p order by id offset floor(s.r_unit * (select count(*) from unit where principal_id = x.p))::int limit 1
    ) u`.execute(db);
  await sql`insert into plan_version (plan_id, version, content, offered_at, accepted_at, accepted_by_person_id)
    select plan_id, 1, '{}'::jsonb, first_meeting_at, first_meeting_at + interval '2 days', person_id from syn where first_meeting_at is not null`.execute(db);

  // Meetings: the first, then a follow-up about every 180 days while the plan is open.
  await sql`create temporary table syn_meeting on commit drop as
    select s.i, s.plan_id, s.person_id, k, md5('meeting' || s.i || '-' || k)::uuid as meeting_id,
      case when k = 0 then s.first_meeting_at
           else s.first_meeting_at + k * interval '180 days' + (-12 + 40 * power(${r("s.i || '-' || k", 'late')}, 2)) * interval '1 day' end as held_at,
      (s.first_meeting_at + k * interval '180 days') as due_at,
      ${r("s.i || '-' || k", 'attend')} as r_attend, ${r("s.i || '-' || k", 'fb')} as r_fb
    from syn s cross join lateral generate_series(0, 8) k
    where s.first_meeting_at is not null
      and s.first_meeting_at + k * interval '180 days' + interval '30 days' < coalesce(s.closed_at, ${nowTs}::timestamptz)`.execute(db);
  await sql`insert into meeting (id, plan_id, kind, starts_at, ends_at, place_kind, location, status, ics_uid, created_at, held_at)
    select meeting_id, plan_id, case when k = 0 then 'initial' else 'followUp' end, held_at, held_at + interval '1 hour', 'service', 'Syntetiskt möte', 'held',
      'syn-' || meeting_id, held_at - interval '14 days', held_at from syn_meeting`.execute(db);
  await sql`insert into invitation (meeting_id, kind, person_id, name, answer, created_at, attended)
    select meeting_id, 'person', person_id, 'Syntet Person', 'coming', held_at - interval '14 days', r_attend < 0.86 from syn_meeting`.execute(db);
  await sql`insert into follow_up (id, plan_id, meeting_id, version, decision, next_follow_up_date, decided_at, due_date)
    select md5('followup' || i || '-' || k)::uuid, plan_id, meeting_id, 1, 'continue',
      to_char((due_at + interval '180 days') at time zone 'Europe/Stockholm', 'YYYY-MM-DD'), held_at, to_char(due_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD')
    from syn_meeting where k > 0`.execute(db);
  await sql`insert into goal_assessment (follow_up_id, goal_id, sub_goal_id, staff_value)
    select md5('followup' || m.i || '-' || m.k)::uuid, 'g' || g, '',
      case when x < 0.25 + 0.08 * m.k then 'met' when x < 0.70 + 0.04 * m.k then 'partlyMet' else 'notMet' end
    from syn_meeting m cross join lateral generate_series(1, 2) g cross join lateral (select ${r("m.i || '-' || m.k || '-' || g", 'goal')} as x) v
    where m.k > 0`.execute(db);
  await sql`insert into deviation (plan_id, reported_by_person_id, principal_id, type, description, reported_at, status, closed_at, answer, investigation)
    select s.plan_id, s.person_id, case when ${r('s.i', 'devp')} < 0.5 then s.principal_a else s.principal_b end,
      case when t < 0.15 then 'notInitiated' when t < 0.45 then 'noShow' when t < 0.60 then 'poorTreatment' when t < 0.90 then 'planNotFollowed' else 'other' end,
      'Syntetisk avvikelse', s.first_meeting_at + interval '20 days',
      case when ${r('s.i', 'devc')} < 0.7 and s.first_meeting_at + interval '50 days' < ${nowTs}::timestamptz then 'closed' else 'reported' end,
      case when ${r('s.i', 'devc')} < 0.7 and s.first_meeting_at + interval '50 days' < ${nowTs}::timestamptz then s.first_meeting_at + interval '50 days' end,
      case when ${r('s.i', 'devc')} < 0.7 and s.first_meeting_at + interval '50 days' < ${nowTs}::timestamptz then 'Utrett och besvarat.' else '' end, ''
    from syn s cross join lateral (select ${r('s.i', 'devt')} as t) v
    where s.first_meeting_at is not null and ${r('s.i', 'dev')} < 0.085 and s.first_meeting_at + interval '20 days' < ${nowTs}::timestamptz`.execute(db);
  // SIP-kollen answers as released batches keep them: agreement and quarter only (docs/feedback-anonymity.md).
  await sql`insert into feedback_answer (agreement_id, quarter, answers, free_text)
    select p.agreement_id, to_char(m.held_at at time zone 'Europe/Stockholm', 'YYYY-"Q"Q'),
      (select jsonb_object_agg(q, case when v < 0.06 then to_jsonb('dontKnow'::text) else to_jsonb(least(5, 1 + floor(power(v, 0.6) * 5))::int) end)
         from unnest(array['informed','tookPart','listenedTo','together','whoDoesWhat','knowCoordinator','meaningful']) q
         cross join lateral (select ${r("m.i || '-' || m.k || q", 'fbv')} as v) vv),
      case when m.r_fb < 0.05 then (array['Att jag får vara med och bestämma.', 'Att någon håller ihop allt.', 'Att jag slipper berätta samma sak flera gånger.', 'Att min familj får vara med.', 'Att det händer något mellan mötena.'])[1 + floor(m.r_fb * 100)::int] else '' end
    from syn_meeting m join syn s on s.i = m.i join principal p on p.id = s.principal_a
    where m.r_fb < 0.35`.execute(db);
}
