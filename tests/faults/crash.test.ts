/**
 * `kill -9` of the portal in the middle of a burst of form posts — people sending requests (each walks
 * every step and sends) and staff saving plans — from sessions made through the real OIDC login. Every
 * post that got its success answer is recorded; after a restart on the same data each of them is there,
 * no plan is half saved (the draft, its revision and its audit event go together), and each request has
 * its receipt in the mail outbox. On PGlite (a killed process holding the folder: the restart takes the
 * stale lock over) and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { launchBrowser } from '../support/browser.ts';
import { sessionFor } from '../support/login.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { formClient, linkedIds, type FormClient } from '../support/form-client.ts';
import { engine } from '../support/db.ts';
import { openDatabase, type AppDatabase } from '../../src/shared/server/database.ts';

let server: TestServer;
const citizens: FormClient[] = [];
const staff: { client: FormClient; planId: string }[] = [];
/** The burst ends with the kill: once each kind of post has been acknowledged a few times, at most after this. */
const BURST_MS = 15_000;

beforeAll(async () => {
  server = await startServer({ args: ['--demo-data'], env: { JOBS_INTERVAL_SECONDS: '0' } });
  const browser = await launchBrowser();
  try {
    for (const name of ['Anna Exempelsson', 'Bengt Exempelsson', 'Greta Godman', 'Ivar Ivarsson']) {
      citizens.push(formClient(server.url, await sessionFor(browser, server.url, 'citizen', name)));
    }
    const rasmus = formClient(server.url, await sessionFor(browser, server.url, 'staff', 'Rasmus Regionsson'));
    const sofia = formClient(server.url, await sessionFor(browser, server.url, 'staff', 'Sofia Skogsdotter'));
    // Rasmus writes on the demo's plan in force; Sofia takes the waiting request and writes its plan.
    const rasmusPlan = linkedIds((await rasmus.get('/sv/staff')).html, 'staff/plans')[0]!;
    const request = linkedIds((await sofia.get('/sv/staff')).html, 'staff/requests')[0]!;
    const taken = await sofia.post(`/sv/staff/requests/${request}`, [['intent', 'take']]);
    const sofiaPlan = /staff\/plans\/([0-9a-f-]{36})/.exec(taken.location ?? '')?.[1];
    if (!rasmusPlan || !sofiaPlan) throw new Error('no plans to write');
    staff.push({ client: rasmus, planId: rasmusPlan }, { client: sofia, planId: sofiaPlan });
  } finally {
    await browser.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

/** One request, every step from the start; the id when the send was answered with its success redirect. */
async function sendOneRequest(c: FormClient, n: string): Promise<string | undefined> {
  const step = async (name: string, fields: [string, string][]) => {
    const res = await c.post(`/sv/request/${name}`, [...fields, ['intent', name === 'contacts' && fields.length > 0 ? 'add' : 'continue']]);
    if (res.status !== 303) throw new Error(`step ${name} answered ${res.status}`);
    return res;
  };
  await step('who', [['submittedAs', 'self']]);
  await step('contacts', [['service', `Hemtjänst ${n}`], ['contactName', ''], ['reach', '']]);
  await step('contacts', []);
  await step('situation', [['experience', `Läget ${n}`], ['needs', 'En plan.'], ['wishes', 'Lugnare.'], ['childView', '']]);
  const principals = (await c.get('/sv/request/principals')).html;
  const principal = /name="principalIds"[^>]*value="([0-9a-f-]{36})"|value="([0-9a-f-]{36})"[^>]*name="principalIds"/.exec(principals);
  await step('principals', [['principalIds', principal?.[1] ?? principal?.[2] ?? '']]);
  await step('coordinator', [['coordinatorChoice', 'none']]);
  await step('meeting', [['place', 'digital'], ['participation', 'yes']]);
  await step('consent', [['agreed', 'yes'], ['receiptEmail', `kvitto-${n}@example.se`]]);
  const sent = await c.post('/sv/request/check', [['idempotencyKey', crypto.randomUUID()], ['intent', 'continue']]);
  if (sent.status !== 303) throw new Error(`sending answered ${sent.status}`);
  return /\/my\/requests\/([0-9a-f-]{36})\?sent=1$/.exec(sent.location ?? '')?.[1];
}

async function currentRevision(c: FormClient, planId: string): Promise<number> {
  const html = (await c.get(`/sv/staff/plans/${planId}/edit`)).html;
  return Number(/name="revision" value="(\d+)"/.exec(html)?.[1] ?? Number.NaN);
}

/** Opens the database the (stopped) server used. */
function serverDatabase(): Promise<AppDatabase> {
  return openDatabase({ databaseUrl: server.env.DATABASE_URL || undefined, pgliteDir: server.pgliteDir });
}

describe(`kill -9 during a burst of form posts on ${engine}`, () => {
  it('every acknowledged post is there after the restart, and no plan is half saved', async () => {
    const startRevisions = await Promise.all(staff.map((s) => currentRevision(s.client, s.planId)));
    const burstStart = new Date();
    const acknowledged = { requests: [] as { by: number; id: string }[], saves: staff.map(() => 0) };
    const errors: string[] = [];
    let killed = false;
    let cut = 0;
    const until = Date.now() + BURST_MS;
    const unexpected = (error: unknown) => {
      // After the kill, refused and cut connections are what a crash looks like; before it, a real failure.
      if (killed) cut++;
      else errors.push((error as Error).message);
    };
    const requestWorkers = citizens.map(async (c, i) => {
      for (let n = 0; !killed && Date.now() < until + 5_000; n++) {
        const id = await sendOneRequest(c, `${i}-${n}`).catch(unexpected);
        if (id) acknowledged.requests.push({ by: i, id });
        else if (killed) return;
      }
    });
    const saveWorkers = staff.map(async (s, i) => {
      let revision = startRevisions[i]!;
      while (!killed) {
        // The marker names the revision this save makes: after the restart the draft must carry the marker of its revision.
        const res = await s.client.post(`/sv/staff/plans/${s.planId}/edit`, [['revision', String(revision)], ['intent', 'save'], ['otherMatters', `save ${revision + 1}`]]).catch(unexpected);
        if (!res) return;
        if (res.status !== 303 || !res.location?.endsWith('?saved=1')) {
          if (!killed) errors.push(`save answered ${res.status}`);
          return;
        }
        revision++;
        acknowledged.saves[i] = revision;
      }
    });
    // Kill while posts are in flight: once the burst has run a while and each kind has been acknowledged.
    while (Date.now() < until && !(acknowledged.requests.length >= 2 && acknowledged.saves.every((r, i) => r > startRevisions[i]! + 5))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    killed = true;
    await server.kill('SIGKILL');
    await Promise.all([...requestWorkers, ...saveWorkers]);
    expect(errors).toEqual([]);
    // The kill came with posts in flight (each worker always has one going).
    expect(cut).toBeGreaterThan(0);
    expect(acknowledged.requests.length).toBeGreaterThanOrEqual(1);
    expect(acknowledged.saves.every((r, i) => r > startRevisions[i]!)).toBe(true);

    // Restart on the same data (on PGlite the dead process's lock is stale and taken over).
    await server.restart();
    // Each sender reads each acknowledged request on their own page (their session survived too).
    for (const r of acknowledged.requests) expect((await citizens[r.by]!.get(`/sv/my/requests/${r.id}`)).status, r.id).toBe(200);
    for (const [i, s] of staff.entries()) expect(await currentRevision(s.client, s.planId)).toBeGreaterThanOrEqual(acknowledged.saves[i]!);

    // Read the database itself once the server has stopped.
    await server.kill('SIGTERM');
    const database = await serverDatabase();
    try {
      const db = database.db;
      const requests = await db.selectFrom('sip_request').select(['id', 'receipt_email']).where('receipt_email', 'like', 'kvitto-%').execute();
      const stored = new Set(requests.map((r) => r.id));
      expect(acknowledged.requests.filter((r) => !stored.has(r.id))).toEqual([]);
      // A request is whole: its consent, its audit event, and its receipt in the outbox (sent or waiting).
      const { rows } = await sql<{ id: string; consents: number; audits: number }>`
        select r.id,
          (select count(*)::int from consent c where c.request_id = r.id) as consents,
          (select count(*)::int from audit_event a where a.record_id = r.id::text and a.action = 'request.create') as audits
        from sip_request r where r.receipt_email like 'kvitto-%'`.execute(db);
      expect(rows.filter((r) => r.consents !== 1 || r.audits !== 1)).toEqual([]);
      const receipts = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'receipt').executeTakeFirstOrThrow();
      expect(Number(receipts.n)).toBe(requests.length);
      // A plan is whole: the draft carries the marker of its own revision, and every revision has its audit event.
      for (const [i, s] of staff.entries()) {
        const plan = await db.selectFrom('plan').select(['draft', 'draft_revision']).where('id', '=', s.planId).executeTakeFirstOrThrow();
        expect(plan.draft_revision).toBeGreaterThanOrEqual(acknowledged.saves[i]!);
        expect((plan.draft as { otherMatters?: string }).otherMatters).toBe(`save ${plan.draft_revision}`);
        const writes = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('record_id', '=', s.planId).where('action', '=', 'plan.write').where('occurred_at', '>=', burstStart).executeTakeFirstOrThrow();
        expect(Number(writes.n)).toBe(plan.draft_revision - startRevisions[i]!);
      }
    } finally {
      await database.close();
    }
  });
});
