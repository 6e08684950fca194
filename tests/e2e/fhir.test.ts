/**
 * The FHIR API through the built server, on the demo data: an admin issues an API client in the browser
 * (JavaScript off; the secret shown once), the system gets a token without an Origin or a cookie, and the
 * demo's plan in force round-trips as a schema-valid Bundle; refusals are OperationOutcomes exactly as the
 * pages' 404; staff download the plan from its page; the person sees the system's read in their log; and
 * the forms keep their CSRF protection.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Bundle, CarePlan, OperationOutcome } from 'fhir/r4';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { sessionFor, staffPage } from '../support/login.ts';
import { axeViolations } from '../support/browser.ts';
import { fhirSchemaErrors } from '../support/fhir-schema.ts';

const harness = useServerAndBrowser({ args: ['--demo-data'] });
let server: TestServer;
let browser: Browser;
let admin: Page;
const client = { id: '', secret: '' };
let token = '';
let planId = '';
const cookie = (value: string) => ({ cookie: `__Host-sip_session=${value}` });
const fhir = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/fhir/R4/${path}`, { headers, redirect: 'manual' });
const tokenRequest = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body });

beforeAll(async () => {
  ({ server, browser } = harness());
  admin = await staffPage(browser, server.url, 'Adam Administratör', false);
  const inbox = await (await fetch(`${server.url}/sv/staff`, { headers: cookie(await sessionFor(browser, server.url, 'staff', 'Rasmus Regionsson')) })).text();
  planId = /\/sv\/staff\/plans\/([0-9a-f-]{36})"[^>]*>\s*SIP-DEMO-0003/.exec(inbox)![1]!;
});

describe('API clients and tokens', () => {
  it('an admin issues a client for a principal, after the GOV.UK error pattern; the secret is shown once', async () => {
    await admin.goto(`${server.url}/sv/admin`);
    await admin.getByRole('link', { name: 'API-klienter för FHIR' }).click();
    await admin.getByRole('button', { name: 'Skapa klient' }).click();
    // The answer to the post comes on the same address: wait for what it shows, not for a new URL.
    await admin.locator('.error-summary').waitFor();
    expect(await admin.title()).toMatch(/^Fel: /);
    expect(await admin.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#name', '#principalId']);
    await admin.getByLabel('Namn på klienten').fill('Journalsystemet, Region Exempel');
    await admin.getByLabel('Huvudman').selectOption({ label: 'Region Exempel' });
    await admin.getByRole('button', { name: 'Skapa klient' }).click();
    // Read only once the answer is there (a busy run read the page before it: the secret was missing).
    await admin.locator('[role=status] code').nth(1).waitFor();
    const codes = await admin.locator('[role=status] code').allTextContents();
    [client.id, client.secret] = codes as [string, string];
    expect(client.secret).toMatch(/^[a-z2-7]{32}$/);
    await admin.goto(`${server.url}/sv/admin/api-clients`);
    expect(await admin.content()).not.toContain(client.secret);
    expect(await admin.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining(`Journalsystemet, Region Exempel${client.id}`)]);
  });

  it('the token endpoint takes client_secret_basic and client_secret_post from a system without Origin or cookie', async () => {
    const basic = await tokenRequest('grant_type=client_credentials', { Authorization: `Basic ${btoa(`${client.id}:${client.secret}`)}` });
    expect(basic.status).toBe(200);
    expect(basic.headers.get('cache-control')).toBe('no-store');
    const body = (await basic.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    const post = await tokenRequest(`grant_type=client_credentials&client_id=${client.id}&client_secret=${client.secret}`);
    expect(post.status).toBe(200);
    token = body.access_token;
  });

  it('answers errors as RFC 6749 says', async () => {
    const wrong = await tokenRequest('grant_type=client_credentials', { Authorization: `Basic ${btoa(`${client.id}:wrong`)}` });
    expect([wrong.status, wrong.headers.get('www-authenticate'), (await wrong.json()).error]).toEqual([401, 'Basic realm="sip-portalen"', 'invalid_client']);
    const grant = await tokenRequest('grant_type=password');
    expect([grant.status, (await grant.json()).error]).toEqual([400, 'unsupported_grant_type']);
    const json = await fetch(`${server.url}/api/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect([json.status, (await json.json()).error]).toEqual([400, 'invalid_request']);
  });

  it('the admin page has no axe violations, with the secret shown and with errors', async () => {
    const page = await staffPage(browser, server.url, 'Adam Administratör');
    for (const locale of ['sv', 'ar']) {
      await page.goto(`${server.url}/${locale}/admin/api-clients`);
      expect(await axeViolations(page), locale).toEqual([]);
      await page.locator('main form[novalidate] button[type=submit]').click();
      await page.locator('.error-summary').waitFor();
      expect(await axeViolations(page), `${locale} errors`).toEqual([]);
    }
  });
});

describe('the FHIR API', () => {
  it('gives the system the demo plan as a schema-valid Bundle, as application/fhir+json', async () => {
    const res = await fhir(`CarePlan/${planId}`, { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const bundle = (await res.json()) as Bundle;
    expect(fhirSchemaErrors(bundle as never)).toEqual([]);
    const carePlan = bundle.entry![0]!.resource as CarePlan;
    expect(carePlan).toMatchObject({ resourceType: 'CarePlan', id: planId, intent: 'plan', title: 'SIP-DEMO-0003' });
    expect(bundle.entry![0]!.fullUrl).toBe(`${server.url}/api/fhir/R4/CarePlan/${planId}`);

    const search = await fhir(`CarePlan?subject=${encodeURIComponent(carePlan.subject.reference!)}`, { Authorization: `Bearer ${token}` });
    const found = (await search.json()) as Bundle;
    expect([search.status, found.type, found.total]).toEqual([200, 'searchset', 1]);
    expect(fhirSchemaErrors(found as never)).toEqual([]);
  });

  it('refuses with OperationOutcomes: no credentials 401, a bad token 401, someone else\'s plan 404 as a missing one, bad input 400', async () => {
    const outcome = async (res: Response) => [res.status, ((await res.json()) as OperationOutcome).issue[0]!.code];
    expect(await outcome(await fhir(`CarePlan/${planId}`))).toEqual([401, 'login']);
    expect(await outcome(await fhir(`CarePlan/${planId}`, { Authorization: 'Bearer nonsense' }))).toEqual([401, 'login']);
    const anna = cookie(await sessionFor(browser, server.url, 'citizen', 'Anna Exempelsson'));
    expect(await outcome(await fhir(`CarePlan/${planId}`, anna))).toEqual([404, 'not-found']);
    expect(await outcome(await fhir(`CarePlan/${crypto.randomUUID()}`, anna))).toEqual([404, 'not-found']);
    expect(await outcome(await fhir('CarePlan/not-an-id', { Authorization: `Bearer ${token}` }))).toEqual([404, 'not-found']);
    expect(await outcome(await fhir('CarePlan?subject=Patient/197205121730', { Authorization: `Bearer ${token}` }))).toEqual([400, 'invalid']);
    expect(await outcome(await fhir('Patient/x', { Authorization: `Bearer ${token}` }))).toEqual([404, 'not-found']);
  });

  it('staff download the plan from its page, and the person sees the system\'s read in their log', async () => {
    const page = await staffPage(browser, server.url, 'Rasmus Regionsson');
    await page.goto(`${server.url}/sv/staff/plans/${planId}`);
    const href = await page.getByRole('link', { name: 'Ladda ner som FHIR (JSON)' }).getAttribute('href');
    expect(href).toBe(`/api/fhir/R4/CarePlan/${planId}`);
    const rasmus = cookie(await sessionFor(browser, server.url, 'staff', 'Rasmus Regionsson'));
    const downloaded = await fetch(`${server.url}${href}`, { headers: rasmus });
    expect(downloaded.status).toBe(200);
    expect(fhirSchemaErrors((await downloaded.json()) as never)).toEqual([]);
    const olle = cookie(await sessionFor(browser, server.url, 'citizen', 'Olle Uppföljare'));
    expect(await (await fetch(`${server.url}/sv/account/access-log`, { headers: olle })).text()).toContain('Journalsystemet, Region Exempel');
  });

  it('keeps the forms\' CSRF protection: a form post without our Origin is refused, the token endpoint reads no cookie', async () => {
    const anna = cookie(await sessionFor(browser, server.url, 'citizen', 'Anna Exempelsson'));
    const forged = await fetch(`${server.url}/sv/my/sharing`, { method: 'POST', headers: { ...anna, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'givenName=A', redirect: 'manual' });
    expect(forged.status).toBe(403);
    const withCookie = await tokenRequest('grant_type=client_credentials', anna);
    expect([withCookie.status, (await withCookie.json()).error]).toEqual([401, 'invalid_client']);
  });
});
