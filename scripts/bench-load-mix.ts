/**
 * The traffic of `npm run bench:load`: who does what, and how often. Sessions are created through the
 * real login (tests/support/http-login.ts); the request drafts that the form posts save are brought to
 * the situation step first, so every post is a real save that the portal accepts (303 to the next step).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { httpSession } from '../tests/support/http-login.ts';
import { percentile, type Mix, type Step } from './bench-load-run.ts';

/** Share of requests per class (anonymous pages are the most common, then citizens, staff, posts). */
const WEIGHTS = { public: 35, citizen: 25, staff: 20, manager: 5, post: 15 };

const PUBLIC_PAGES = ['/sv/', '/en/', '/ar/', '/sv/what-is-sip', '/lattlast/what-is-sip', '/sv/for-relatives', '/fi/privacy', '/so/accessibility', '/sv/request', '/sv/login'];

const SITUATION = new URLSearchParams({
  experience: 'Jag har många kontakter och berättar samma sak flera gånger.',
  needs: 'Stöd att få ordning på dagarna.',
  wishes: 'En person att ringa till.',
}).toString();

async function idOf(db: Kysely<Database>, table: 'plan' | 'sip_request', reference: string): Promise<string> {
  return (await db.selectFrom(table).select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
}

/** A few open plans (invented ones) of a staff member's unit, for their plan pages. */
async function plansOfUnit(db: Kysely<Database>, unit: string, count: number): Promise<string[]> {
  const rows = await db
    .selectFrom('plan')
    .innerJoin('plan_unit', 'plan_unit.plan_id', 'plan.id')
    .innerJoin('unit', 'unit.id', 'plan_unit.unit_id')
    .select('plan.id')
    .where('unit.name', '=', unit)
    .where('plan.status', '<>', 'closed')
    .where('plan.reference', 'like', 'SYN-%')
    .orderBy('plan.reference')
    .limit(count)
    .execute();
  return rows.map((r) => r.id);
}

async function post(baseUrl: string, cookie: string, path: string, body: string): Promise<Response> {
  return fetch(new URL(path, baseUrl), {
    method: 'POST',
    redirect: 'manual',
    body,
    headers: { cookie: `__Host-sip_session=${cookie}`, origin: new URL(baseUrl).origin, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** Logs everyone in on `baseUrl` and returns the weighted mix of requests. */
export async function loadMix(db: Kysely<Database>, baseUrl: string): Promise<Mix[]> {
  const citizens = ['olle', 'hassan', 'lina', 'anna', 'cecilia', 'bengt', 'gustav'];
  const staff = { karin: 'demo-staff-kommun', rasmus: 'demo-staff-region', sofia: 'demo-staff-skogsby', lena: 'demo-manager-lan', maria: 'demo-manager' };
  const session: Record<string, string> = {};
  for (const c of citizens) session[c] = await httpSession(baseUrl, 'citizen', `demo-${c}`);
  for (const [name, sub] of Object.entries(staff)) session[name] = await httpSession(baseUrl, 'staff', sub);

  const ollePlan = await idOf(db, 'plan', 'SIP-DEMO-0003');
  const hassanRequest = await idOf(db, 'sip_request', 'SIP-DEMO-0001');
  const linaRequest = await idOf(db, 'sip_request', 'SIP-DEMO-0002');
  const get = (kind: string, who: string | undefined, name: string, path: string): Step => ({ kind, name, method: 'GET', path, cookie: who && session[who], expect: { status: 200 } });

  const staffPlans = async (who: string, unit: string) =>
    (await plansOfUnit(db, unit, 5)).map((id, i) => get('staff', who, `staff plan page (invented plan ${i + 1}, ${who})`, `/sv/staff/plans/${id}`));
  const year = new Date().getFullYear();

  // The posters' drafts reach the situation step once; from then on each post saves the situation again.
  const posters = ['anna', 'bengt', 'gustav'];
  for (const p of posters) {
    for (const [step, body] of [['who', 'submittedAs=self'], ['contacts', 'intent=continue'], ['situation', SITUATION]] as const) {
      const r = await post(baseUrl, session[p]!, `/sv/request/${step}`, body);
      if (r.status !== 303) throw new Error(`preparing the request draft: ${step} answered ${r.status}`);
    }
  }

  return [
    { kind: 'public', weight: WEIGHTS.public, steps: PUBLIC_PAGES.map((path) => get('public', undefined, `public ${path}`, path)) },
    {
      kind: 'citizen',
      weight: WEIGHTS.citizen,
      steps: [
        get('citizen', 'olle', 'my page (Olle)', '/sv/my'),
        get('citizen', 'olle', 'my plan (Olle)', `/sv/my/plans/${ollePlan}`),
        get('citizen', 'hassan', 'my page (Hassan)', '/sv/my'),
        get('citizen', 'hassan', 'my request (Hassan)', `/sv/my/requests/${hassanRequest}`),
        get('citizen', 'lina', 'my request (Lina)', `/sv/my/requests/${linaRequest}`),
        get('citizen', 'anna', 'account (Anna)', '/sv/account'),
        get('citizen', 'cecilia', 'my page, guardian (Cecilia)', '/sv/my'),
      ],
    },
    {
      kind: 'staff',
      weight: WEIGHTS.staff,
      steps: [
        get('staff', 'karin', 'staff inbox (Karin)', '/sv/staff'),
        get('staff', 'rasmus', 'staff inbox (Rasmus)', '/sv/staff'),
        get('staff', 'sofia', 'staff inbox (Sofia)', '/sv/staff'),
        get('staff', 'rasmus', 'staff plan page SIP-DEMO-0003 (Rasmus)', `/sv/staff/plans/${ollePlan}`),
        get('staff', 'karin', 'staff plan page SIP-DEMO-0003 (Karin)', `/sv/staff/plans/${ollePlan}`),
        get('staff', 'sofia', 'staff request page SIP-DEMO-0002 (Sofia)', `/sv/staff/requests/${linaRequest}`),
        ...(await staffPlans('karin', 'Socialtjänst vuxen')),
        ...(await staffPlans('rasmus', 'Vuxenpsykiatri')),
      ],
    },
    {
      kind: 'manager',
      weight: WEIGHTS.manager,
      steps: [
        get('manager', 'lena', 'dashboard (Lena)', '/sv/manager'),
        get('manager', 'lena', 'dashboard by unit (Lena)', '/sv/manager?breakdown=unit'),
        get('manager', 'lena', `dashboard ${year - 1} by principal (Lena)`, `/sv/manager?period=${year - 1}&breakdown=principal`),
        get('manager', 'lena', 'dashboard by age (Lena)', '/sv/manager?breakdown=age'),
        get('manager', 'maria', 'dashboard (Maria)', '/sv/manager'),
      ],
    },
    {
      kind: 'post',
      weight: WEIGHTS.post,
      steps: posters.map((p) => ({
        kind: 'post',
        name: `save request draft (${p})`,
        method: 'POST' as const,
        path: '/sv/request/situation',
        cookie: session[p],
        body: SITUATION,
        expect: { status: 303, location: '/sv/request/principals' },
      })),
    },
  ];
}

/**
 * Each request alone, one at a time, three times (fewer once 10 s are spent on it): checks that it
 * answers as expected and finds the slow pages. `ms` is the median, `fastest` the best time (a busy
 * machine can slow one try down).
 */
export async function probe(baseUrl: string, mix: Mix[]): Promise<{ name: string; ms: number; fastest: number }[]> {
  const origin = new URL(baseUrl).origin;
  const out: { name: string; ms: number; fastest: number }[] = [];
  for (const step of mix.flatMap((m) => m.steps)) {
    const times: number[] = [];
    while (times.length < 3 && times.reduce((a, b) => a + b, 0) < 10_000) {
      const started = performance.now();
      const response = await fetch(new URL(step.path, baseUrl), {
        method: step.method,
        redirect: 'manual',
        body: step.body,
        headers: {
          ...(step.cookie ? { cookie: `__Host-sip_session=${step.cookie}` } : {}),
          ...(step.method === 'POST' ? { origin, 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      });
      await response.arrayBuffer();
      times.push(performance.now() - started);
      const location = response.headers.get('location');
      if (response.status !== step.expect.status || (step.expect.location && location !== step.expect.location)) {
        throw new Error(`${step.name} answered ${response.status}${location ? ` to ${location}` : ''}, expected ${step.expect.status}`);
      }
    }
    out.push({ name: step.name, ms: percentile(times, 0.5), fastest: Math.min(...times) });
  }
  return out.sort((a, b) => b.ms - a.ms);
}

/** The mix without the requests whose name `leaveOut` picks. */
export function without(mix: Mix[], leaveOut: (name: string) => boolean): Mix[] {
  return mix
    .map((m) => ({ ...m, steps: m.steps.filter((s) => !leaveOut(s.name)) }))
    .filter((m) => m.steps.length > 0);
}
