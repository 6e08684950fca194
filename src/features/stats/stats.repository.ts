/**
 * SQL of the manager dashboard: rebuilding the rollup (`stats_cell`) for a range of months from the
 * records, and reading it. The rollup holds counts per agreement, principal scope, month, figure, category
 * and breakdown value — never a row per person, plan or answer.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { CellRow } from './cube.domain.ts';
import type { Dim } from './cubes.ts';

const TZ = 'Europe/Stockholm';
/**
 * A SIP-kollen answer keeps its quarter only (of the whole agreement, no principals): the rollup counts it
 * in the quarter's last month, so quarters and years add up and the recent-months rebuild counts a quarter
 * again as it closes. Months are never shown for it (stats.service.ts).
 */
const QUARTER_MONTH = sql`(substr(a.quarter, 1, 4) || '-' || lpad((substr(a.quarter, 7, 1)::int * 3)::text, 2, '0'))`;

/**
 * Rebuilds the rollup for the months `from`..`to` ('YYYY-MM', inclusive): deletes them and counts them
 * again from the records, in the caller's transaction. Facts are first counted per plan signature
 * (agreement, principals, units, scope, age group), then spread over the principal scopes and breakdowns.
 */
export async function rebuildMonths(db: Kysely<Database>, from: string, to: string): Promise<number> {
  // PostgreSQL's JIT compiler guesses this query (a few lateral spreads) as enormous and spent 10 s of a
  // 17 s rebuild compiling it (EXPLAIN ANALYZE, 100 k plans); PGlite has no JIT and ignores the setting.
  await sql`set local jit = off`.execute(db);
  await db.deleteFrom('stats_cell').where('month', '>=', from).where('month', '<=', to).execute();
  const result = await rebuildQuery(from, to).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The insert that counts the months `from`..`to` again (apart, so that a bench can EXPLAIN it). */
export function rebuildQuery(from: string, to: string) {
  const start = sql`((${from} || '-01')::timestamp at time zone ${TZ})`;
  const end = sql`(((${to} || '-01')::date + interval '1 month')::timestamp at time zone ${TZ})`;
  const inRange = (column: string) => sql`${sql.ref(column)} >= ${start} and ${sql.ref(column)} < ${end}`;
  const month = (column: string) => sql`to_char(${sql.ref(column)} at time zone ${TZ}, 'YYYY-MM')`;
  return sql`
    with touched as (
      select id from plan where ${inRange('created_at')} or ${inRange('closed_at')} or ${inRange('first_meeting_held_at')}
      union select plan_id from follow_up where ${inRange('decided_at')}
      union select plan_id from meeting where ${inRange('held_at')}
      union select plan_id from deviation where ${inRange('reported_at')} or ${inRange('closed_at')}
    ),
    pd as (
      select p.id, p.scope, p.created_at, p.closed_at, p.closed_reason, p.first_meeting_held_at, p.clock_started_at, p.first_meeting_days,
        coalesce(r.created_by_staff_account_id is null and p.request_id is not null, false) as from_citizen,
        (select array_agg(pp.principal_id order by pp.principal_id) from plan_principal pp where pp.plan_id = p.id) as principal_ids,
        (select array_agg(pu.unit_id order by pu.unit_id) from plan_unit pu where pu.plan_id = p.id) as unit_ids,
        coalesce(
          (select pr.agreement_id from principal pr where pr.id = p.lead_principal_id),
          (select pr.agreement_id from plan_principal pp join principal pr on pr.id = pp.principal_id where pp.plan_id = p.id and pr.agreement_id is not null order by pr.agreement_id limit 1)
        ) as agreement_id,
        case when pe.birth_date > (p.created_at at time zone ${TZ})::date - interval '18 years' then 'child' else 'adult' end as age
      from plan p
      join touched t on t.id = p.id
      join person pe on pe.id = p.subject_person_id
      left join sip_request r on r.id = p.request_id
    ),
    facts (agreement_id, principal_ids, unit_ids, scope, age, month, metric, bucket) as (
      select agreement_id, principal_ids, unit_ids, scope, age, ${month('created_at')}, 'plansStarted', case when from_citizen then 'citizen' else 'staff' end
        from pd where ${inRange('created_at')}
      union all
      select agreement_id, principal_ids, unit_ids, scope, age, ${month('closed_at')}, 'plansClosed', closed_reason
        from pd where ${inRange('closed_at')} and closed_reason is not null
      union all
      select agreement_id, principal_ids, unit_ids, scope, age, ${month('first_meeting_held_at')}, 'firstMeeting',
          case when first_meeting_held_at <= clock_started_at + first_meeting_days * interval '1 day' then 'inTime' else 'late' end
        from pd where ${inRange('first_meeting_held_at')}
      union all
      select agreement_id, principal_ids, unit_ids, scope, age, ${month('first_meeting_held_at')}, 'firstMeetingDays',
          least(366, greatest(0, floor(extract(epoch from first_meeting_held_at - clock_started_at) / 86400)))::int::text
        from pd where ${inRange('first_meeting_held_at')}
      union all
      select pd.agreement_id, pd.principal_ids, pd.unit_ids, pd.scope, pd.age, ${month('f.decided_at')}, 'followUp',
          case when (f.decided_at at time zone ${TZ})::date <= f.due_date::date then 'onTime' else 'late' end
        from follow_up f join pd on pd.id = f.plan_id where ${inRange('f.decided_at')} and f.due_date is not null
      union all
      select pd.agreement_id, pd.principal_ids, pd.unit_ids, pd.scope, pd.age, ${month('f.decided_at')}, 'goal', g.staff_value
        from goal_assessment g join follow_up f on f.id = g.follow_up_id join pd on pd.id = f.plan_id where ${inRange('f.decided_at')}
      union all
      select pd.agreement_id, pd.principal_ids, pd.unit_ids, pd.scope, pd.age, ${month('m.held_at')}, 'tookPart', case when i.attended then 'yes' else 'no' end
        from meeting m join pd on pd.id = m.plan_id join invitation i on i.meeting_id = m.id and i.kind = 'person'
        where ${inRange('m.held_at')} and m.status = 'held' and i.attended is not null
      union all
      select pr.agreement_id, array[d.principal_id], pd.unit_ids, pd.scope, pd.age, ${month('d.reported_at')}, 'deviationReported', d.type
        from deviation d join pd on pd.id = d.plan_id join principal pr on pr.id = d.principal_id where ${inRange('d.reported_at')}
      union all
      select pr.agreement_id, array[d.principal_id], pd.unit_ids, pd.scope, pd.age, ${month('d.closed_at')}, 'deviationClosed', d.type
        from deviation d join pd on pd.id = d.plan_id join principal pr on pr.id = d.principal_id where ${inRange('d.closed_at')}
      union all
      select rp.agreement_id, rp.principal_ids, null::uuid[], null, case when pe.birth_date > (r.sent_at at time zone ${TZ})::date - interval '18 years' then 'child' else 'adult' end,
          ${month('r.sent_at')}, 'requests', case when r.created_by_staff_account_id is null then 'citizen' else 'staff' end
        from sip_request r
        join person pe on pe.id = r.subject_person_id
        cross join lateral (
          select (array_agg(pr.agreement_id order by pr.agreement_id) filter (where pr.agreement_id is not null))[1] as agreement_id,
                 array_agg(sp.principal_id order by sp.principal_id) as principal_ids
          from sip_request_principal sp join principal pr on pr.id = sp.principal_id where sp.request_id = r.id
        ) rp
        where ${inRange('r.sent_at')}
      union all
      select a.agreement_id, null::uuid[], null::uuid[], null, null, ${QUARTER_MONTH}, 'feedback', q.key || ':' || q.value
        from feedback_answer a cross join lateral jsonb_each_text(a.answers) q(key, value) where ${QUARTER_MONTH} >= ${from} and ${QUARTER_MONTH} <= ${to}
      union all
      select a.agreement_id, null::uuid[], null::uuid[], null, null, ${QUARTER_MONTH}, 'feedbackAnswers', case when a.free_text <> '' then 'withText' else 'withoutText' end
        from feedback_answer a where ${QUARTER_MONTH} >= ${from} and ${QUARTER_MONTH} <= ${to}
    ),
    grouped as (
      select agreement_id, principal_ids, unit_ids, scope, age, month, metric, bucket, count(*)::int as n
      from facts where agreement_id is not null and bucket is not null
      group by agreement_id, principal_ids, unit_ids, scope, age, month, metric, bucket
    )
    insert into stats_cell (agreement_id, principal_key, dim, metric, month, dim_value, bucket, n)
    select g.agreement_id, k.key, d.dim, g.metric, g.month, d.value, g.bucket, sum(g.n)::int
    from grouped g
    cross join lateral (select '' as key union all select x::text from unnest(g.principal_ids) x) k
    cross join lateral (
      select 'total' as dim, '' as value
      union all select 'scope', g.scope where g.scope is not null
      union all select 'age', g.age where g.age is not null
      union all select 'principal', x::text from unnest(g.principal_ids) x where k.key = ''
      union all select 'unit', u.id::text from unnest(g.unit_ids) x join unit u on u.id = x where k.key = '' or u.principal_id::text = k.key
    ) d
    group by g.agreement_id, k.key, d.dim, g.metric, g.month, d.value, g.bucket
  `;
}

/**
 * Takes the rollup's transaction-scoped advisory lock, waiting for another process that holds it (its
 * month is done in a moment). Keyed by schema: several portals (or test files) may share one server.
 */
export async function lockRollup(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ':stats-rollup'))`.execute(db);
}

/** Refreshes the planner's statistics of the tables the rebuild reads. */
export async function analyzeRecords(db: Kysely<Database>): Promise<void> {
  await sql`analyze plan, plan_principal, plan_unit, person, sip_request, sip_request_principal, follow_up, goal_assessment, meeting, invitation, deviation, feedback_answer`.execute(db);
}

/** Whether the rollup has been built at all. */
export async function hasCells(db: Kysely<Database>): Promise<boolean> {
  return !!(await db.selectFrom('stats_cell').select('month').limit(1).executeTakeFirst());
}

/** The first month with any fact, over all records (where a full rebuild starts). */
export async function firstFactMonth(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ m: string | null }>`
    select to_char(min(t) at time zone ${TZ}, 'YYYY-MM') as m from (
      select min(created_at) as t from plan union all select min(sent_at) from sip_request
    ) x`.execute(db);
  const fromAnswers = await sql<{ m: string | null }>`select min(${QUARTER_MONTH}) as m from feedback_answer a`.execute(db);
  const months = [rows[0]?.m, fromAnswers.rows[0]?.m].filter((m): m is string => !!m).sort();
  return months[0] ?? null;
}

/** The counts of one principal scope ('' = the whole agreement) for the total and one breakdown (histograms apart). */
export async function readCells(db: Kysely<Database>, agreementId: string, principalKey: string, dim: Dim): Promise<(CellRow & { dim: Dim })[]> {
  const rows = await db
    .selectFrom('stats_cell')
    .select(['dim', 'dim_value', 'month', 'metric', 'bucket', 'n'])
    .where('agreement_id', '=', agreementId)
    .where('principal_key', '=', principalKey)
    .where('dim', 'in', dim === 'total' ? ['total'] : ['total', dim])
    .where('metric', '<>', 'firstMeetingDays')
    .execute();
  return rows.map((r) => ({ dim: r.dim, dimValue: r.dim_value, month: r.month, metric: r.metric, bucket: r.bucket, n: r.n }));
}

/** Days from consent to the first meeting, as histograms per breakdown value, for some months. */
export async function readDays(db: Kysely<Database>, agreementId: string, principalKey: string, dim: Dim, months: readonly string[]): Promise<CellRow[]> {
  const rows = await db
    .selectFrom('stats_cell')
    .select(['dim_value', 'month', 'metric', 'bucket', 'n'])
    .where('agreement_id', '=', agreementId)
    .where('principal_key', '=', principalKey)
    .where('dim', 'in', dim === 'total' ? ['total'] : ['total', dim])
    .where('metric', '=', 'firstMeetingDays')
    .where('month', 'in', months)
    .execute();
  return rows.map((r) => ({ dimValue: r.dim_value, month: r.month, metric: r.metric, bucket: r.bucket, n: r.n }));
}

/** The first month of an agreement's figures (the cubes start in its January). */
export async function agreementFirstMonth(db: Kysely<Database>, agreementId: string): Promise<string | null> {
  const row = await db
    .selectFrom('stats_cell')
    .select((eb) => eb.fn.min('month').as('m'))
    .where('agreement_id', '=', agreementId)
    .where('principal_key', '=', '')
    .where('dim', '=', 'total')
    .executeTakeFirst();
  return row?.m ?? null;
}

/** How many SIP-kollen answers a group has in some months, as the rollup counted them. */
export async function feedbackAnswerCount(db: Kysely<Database>, agreementId: string, principalKey: string, months: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('stats_cell')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), sql<number>`0`).as('n'))
    .where('agreement_id', '=', agreementId)
    .where('principal_key', '=', principalKey)
    .where('dim', '=', 'total')
    .where('metric', '=', 'feedbackAnswers')
    .where('month', 'in', months)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The free-text answers of SIP-kollen of an agreement for some quarters, in alphabetical order (never by
 * time), at most 200 (read in that order through the partial index feedback_answer_text, so the cost does
 * not grow with the number of answers).
 */
export async function freeTexts(db: Kysely<Database>, agreementId: string, quarters: readonly string[]): Promise<string[]> {
  if (quarters.length === 0) return [];
  const texts = await db.selectFrom('feedback_answer').select('free_text').where('agreement_id', '=', agreementId).where('free_text', '<>', '').where('quarter', 'in', quarters).orderBy('free_text').limit(200).execute();
  return texts.map((t) => t.free_text);
}

/** Names for the breakdown rows: principals and units of an agreement. */
export async function agreementDirectory(db: Kysely<Database>, agreementId: string): Promise<{ principals: { id: string; name: string }[]; units: { id: string; name: string; principalId: string }[] }> {
  const principals = await db.selectFrom('principal').select(['id', 'name']).where('agreement_id', '=', agreementId).orderBy('name').execute();
  const units = principals.length
    ? await db.selectFrom('unit').select(['id', 'name', 'principal_id as principalId']).where('principal_id', 'in', principals.map((p) => p.id)).orderBy('name').execute()
    : [];
  return { principals, units };
}

/** The agreements with at least one principal the manager is responsible for, with those principals. */
export async function managedAgreements(db: Kysely<Database>, principalIds: readonly string[]): Promise<{ id: string; name: string; principalIds: string[] }[]> {
  if (principalIds.length === 0) return [];
  const rows = await db
    .selectFrom('principal as p')
    .innerJoin('agreement as a', 'a.id', 'p.agreement_id')
    .select(['a.id', 'a.name', 'p.id as principalId'])
    .where('p.id', 'in', principalIds)
    .orderBy('a.name')
    .execute();
  const byId = new Map<string, { id: string; name: string; principalIds: string[] }>();
  for (const r of rows) {
    const a = byId.get(r.id) ?? { id: r.id, name: r.name, principalIds: [] };
    a.principalIds.push(r.principalId);
    byId.set(r.id, a);
  }
  return [...byId.values()];
}
