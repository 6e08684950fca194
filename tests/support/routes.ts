/** Every public route of the portal, for sweeps (accessibility, status codes) over every language. */
export { PUBLIC_PAGES as PUBLIC_ROUTES } from '../../src/shared/server/http.ts';

/*
 * Every route file × every role: the answer each role must get (tests/e2e/route-role.test.ts asks them all,
 * tests/security/ tries them with other people's ids). Later features add their routes here; a route
 * file missing from the table fails the test.
 */
export type Role = 'anonymous' | 'person' | 'staff' | 'manager' | 'admin';
export const ROLES: Role[] = ['anonymous', 'person', 'staff', 'manager', 'admin'];
export const IDENTITIES: Record<Exclude<Role, 'anonymous'>, ['citizen' | 'staff', string]> = {
  person: ['citizen', 'Anna Exempelsson'],
  staff: ['staff', 'Karin Kommunsson'],
  manager: ['staff', 'Maria Chefsdotter'],
  admin: ['staff', 'Adam Administratör'],
};

const all = (status: number) => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Role, number>;
const loggedIn = (status: number, anonymous = 302) => ({ ...all(status), anonymous });
/** Someone else's page answers exactly as a missing one: 404 for everybody but the admin. */
const adminOnly = (status: number) => ({ ...all(404), anonymous: 302, admin: status });
/** A citizen's own pages: staff have none (404). */
const personOnly = (status: number) => ({ ...all(404), anonymous: 302, person: status });

/** Staff pages: every staff account (manager and admin are staff too) reaches them; persons get 404. */
const staffOnly = (status: number) => ({ anonymous: 302, person: 404, staff: status, manager: status, admin: status });
/** One request or plan: only staff of a unit that takes part (the manager and admin have none). */
const unitStaffOnly = (status: number) => ({ ...all(404), anonymous: 302, staff: status });
export const NO_ID = '00000000-0000-4000-8000-000000000000';

/** [route file, method, concrete path, expected status per role] */
export const ROUTES: [string, string, string, Record<Role, number>][] = [
  ['index.astro', 'GET', '/', all(302)],
  ['healthz.ts', 'GET', '/healthz', all(200)],
  ['[lang]/index.astro', 'GET', '/sv/', all(200)],
  ['[lang]/what-is-sip.astro', 'GET', '/sv/what-is-sip', all(200)],
  ['[lang]/for-relatives.astro', 'GET', '/sv/for-relatives', all(200)],
  ['[lang]/accessibility.astro', 'GET', '/sv/accessibility', all(200)],
  ['[lang]/privacy.astro', 'GET', '/sv/privacy', all(200)],
  ['[lang]/cookies.astro', 'GET', '/sv/cookies', all(200)],
  ['[lang]/login.astro', 'GET', '/sv/login', all(200)],
  ['[lang]/home.ts', 'GET', '/sv/home', all(302)],
  ['[lang]/login/[kind].ts', 'GET', '/sv/login/citizen', all(302)],
  ['auth/callback/[kind].ts', 'GET', '/auth/callback/citizen?code=x&state=y', all(302)],
  ['[lang]/no-account.astro', 'GET', '/sv/no-account', all(200)],
  ['[lang]/protected-identity.astro', 'GET', '/sv/protected-identity', all(200)],
  ['[lang]/account/index.astro', 'GET', '/sv/account', loggedIn(200)],
  ['[lang]/account/access-log.astro', 'GET', '/sv/account/access-log', { anonymous: 302, person: 200, staff: 404, manager: 404, admin: 404 }],
  ['[lang]/logout.ts', 'POST', '/sv/logout', all(303)],
  ['[lang]/too-large.astro', 'GET', '/sv/too-large', all(413)],
  ['[lang]/too-many-requests.astro', 'GET', '/sv/too-many-requests', all(429)],
  ['[lang]/unavailable.astro', 'GET', '/sv/unavailable', all(503)],
  ['[lang]/test-routes/throw.ts', 'GET', '/sv/test-routes/throw', all(500)],
  ['[lang]/test-routes/counts.ts', 'GET', '/sv/test-routes/counts', all(200)],
  ['[lang]/test-routes/record-ids.ts', 'GET', '/sv/test-routes/record-ids', all(200)],
  // POST would end every session of this run; the GET shows the route answers nothing else.
  ['[lang]/test-routes/expire-sessions.ts', 'GET', '/sv/test-routes/expire-sessions', all(404)],
  // POST moves meetings (tests only); the GET shows the route answers nothing else.
  ['[lang]/test-routes/meetings-started.ts', 'GET', '/sv/test-routes/meetings-started', all(404)],
  ['[lang]/admin/index.astro', 'GET', '/sv/admin', adminOnly(200)],
  ['[lang]/admin/principals/new.astro', 'GET', '/sv/admin/principals/new', adminOnly(200)],
  ['[lang]/admin/principals/new.astro', 'POST', '/sv/admin/principals/new', adminOnly(422)],
  ['[lang]/admin/units/new.astro', 'GET', '/sv/admin/units/new', adminOnly(200)],
  ['[lang]/admin/staff/new.astro', 'GET', '/sv/admin/staff/new', adminOnly(200)],
  ['[lang]/admin/staff/[id].astro', 'GET', '/sv/admin/staff/{staffId}', adminOnly(200)],
  ['[lang]/admin/staff/[id].astro', 'POST', '/sv/admin/staff/{staffId}', adminOnly(400)],
  ['[lang]/admin/staff/[id].astro', 'GET', '/sv/admin/staff/00000000-0000-4000-8000-000000000000', adminOnly(404)],
  ['[lang]/admin/staff/[id].astro', 'GET', '/sv/admin/staff/not-an-id', adminOnly(404)],
  ['[lang]/admin/api-clients.astro', 'GET', '/sv/admin/api-clients', adminOnly(200)],
  ['[lang]/admin/api-clients.astro', 'POST', '/sv/admin/api-clients', adminOnly(422)],
  // The FHIR API answers OperationOutcomes: 401 without credentials, a plan you may not read is a 404, a
  // search finds only what you may read (nothing here); the token endpoint wants a client, not a session.
  ['api/fhir/R4/CarePlan/[id].ts', 'GET', `/api/fhir/R4/CarePlan/${NO_ID}`, { ...all(404), anonymous: 401 }],
  ['api/fhir/R4/CarePlan/index.ts', 'GET', `/api/fhir/R4/CarePlan?subject=Patient/${NO_ID}`, { ...all(200), anonymous: 401 }],
  ['api/fhir/R4/[...path].ts', 'GET', '/api/fhir/R4/Patient', all(404)],
  ['api/oauth/token.ts', 'POST', '/api/oauth/token', all(400)],
  ['[lang]/request/index.astro', 'GET', '/sv/request', all(200)],
  ['[lang]/request/index.astro', 'POST', '/sv/request', all(422)],
  ['[lang]/request/manual.astro', 'GET', '/sv/request/manual', all(200)],
  ['[lang]/request/paper.astro', 'GET', '/sv/request/paper', all(200)],
  ['[lang]/request/[step].astro', 'GET', '/sv/request/who', personOnly(200)],
  ['[lang]/request/[step].astro', 'GET', '/sv/request/check', personOnly(303)],
  ['[lang]/request/[step].astro', 'GET', '/sv/request/no-such-step', all(404)],
  ['[lang]/my/index.astro', 'GET', '/sv/my', personOnly(200)],
  ['[lang]/my/requests/[id].astro', 'GET', '/sv/my/requests/00000000-0000-4000-8000-000000000000', personOnly(404)],
  ['[lang]/my/requests/[id].astro', 'GET', '/sv/my/requests/x', personOnly(404)],
  ['[lang]/my/consents/index.astro', 'GET', '/sv/my/consents', personOnly(200)],
  ['[lang]/my/consents/[id].astro', 'GET', '/sv/my/consents/00000000-0000-4000-8000-000000000000', personOnly(404)],
  ['[lang]/my/sharing.astro', 'GET', '/sv/my/sharing', personOnly(200)],
  ['[lang]/my/sharing.astro', 'POST', '/sv/my/sharing', personOnly(422)],
  ['[lang]/staff/index.astro', 'GET', '/sv/staff', staffOnly(200)],
  ['[lang]/staff/start.astro', 'GET', '/sv/staff/start', staffOnly(200)],
  ['[lang]/staff/start.astro', 'POST', '/sv/staff/start', staffOnly(422)],
  ['[lang]/staff/requests/[id].astro', 'GET', '/sv/staff/requests/{requestId}', unitStaffOnly(200)],
  ['[lang]/staff/requests/[id].astro', 'GET', `/sv/staff/requests/${NO_ID}`, unitStaffOnly(404)],
  ['[lang]/staff/requests/[id].astro', 'POST', `/sv/staff/requests/${NO_ID}`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/index.astro', 'GET', `/sv/staff/plans/${NO_ID}`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/index.astro', 'POST', '/sv/staff/plans/x', unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/prepare.astro', 'GET', `/sv/staff/plans/${NO_ID}/prepare`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/edit.astro', 'GET', `/sv/staff/plans/${NO_ID}/edit`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/edit.astro', 'POST', `/sv/staff/plans/${NO_ID}/edit`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/versions/[version].astro', 'GET', `/sv/staff/plans/${NO_ID}/versions/1`, unitStaffOnly(404)],
  ['[lang]/staff/invitations/[id].astro', 'GET', `/sv/staff/invitations/${NO_ID}`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/follow-up.astro', 'GET', `/sv/staff/plans/${NO_ID}/follow-up`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/follow-up.astro', 'POST', `/sv/staff/plans/${NO_ID}/follow-up`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/close.astro', 'GET', `/sv/staff/plans/${NO_ID}/close`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/close.astro', 'POST', `/sv/staff/plans/${NO_ID}/close`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/deviation.astro', 'GET', `/sv/staff/plans/${NO_ID}/deviation`, unitStaffOnly(404)],
  ['[lang]/staff/plans/[id]/deviation.astro', 'POST', `/sv/staff/plans/${NO_ID}/deviation`, unitStaffOnly(404)],
  // Only deviation handlers (none of these roles) have the list; the handler's view is in tests/e2e/follow-up.test.ts.
  ['[lang]/staff/deviations/index.astro', 'GET', '/sv/staff/deviations', { ...all(404), anonymous: 302 }],
  // The dashboard: managers only (aggregates of their principals).
  ['[lang]/manager/index.astro', 'GET', '/sv/manager', { ...all(404), anonymous: 302, manager: 200 }],
  ['[lang]/manager/csv.ts', 'GET', '/sv/manager/csv?table=plans', { ...all(404), anonymous: 302, manager: 200 }],
  ['[lang]/staff/deviations/[id].astro', 'GET', `/sv/staff/deviations/${NO_ID}`, { ...all(404), anonymous: 302 }],
  ['[lang]/staff/deviations/[id].astro', 'POST', `/sv/staff/deviations/${NO_ID}`, { ...all(404), anonymous: 302 }],
  ['[lang]/my/plans/[id]/consent.astro', 'GET', `/sv/my/plans/${NO_ID}/consent`, personOnly(404)],
  ['[lang]/my/plans/[id]/consent.astro', 'POST', `/sv/my/plans/${NO_ID}/consent`, personOnly(404)],
  ['[lang]/my/plans/[id]/deviation.astro', 'GET', `/sv/my/plans/${NO_ID}/deviation`, personOnly(404)],
  ['[lang]/my/plans/[id]/deviation.astro', 'POST', `/sv/my/plans/${NO_ID}/deviation`, personOnly(404)],
  ['[lang]/my/feedback/[id].astro', 'GET', `/sv/my/feedback/${NO_ID}`, personOnly(404)],
  ['[lang]/my/feedback/[id].astro', 'POST', '/sv/my/feedback/x', personOnly(404)],
  // The token is the right to answer: no login; an unknown or malformed token is a 404 for everybody.
  ['[lang]/sip-kollen/[token].astro', 'GET', `/sv/sip-kollen/${'a'.repeat(32)}`, all(404)],
  ['[lang]/sip-kollen/[token].astro', 'POST', '/sv/sip-kollen/x', all(404)],
  ['[lang]/my/plans/[id].astro', 'GET', `/sv/my/plans/${NO_ID}`, personOnly(404)],
  ['[lang]/my/plans/[id].astro', 'GET', '/sv/my/plans/x?version=1', personOnly(404)],
  ['[lang]/demo/mailbox.astro', 'GET', '/sv/demo/mailbox', all(200)],
  ['[lang]/demo/mailbox/[file]/[index].ts', 'GET', '/sv/demo/mailbox/none.eml/0', all(404)],
  ['404.astro', 'GET', '/404', all(404)],
  ['500.astro', 'GET', '/500', all(500)],
];
