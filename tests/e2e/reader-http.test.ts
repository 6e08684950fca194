/**
 * The life cycle walked as each role, over plain HTTP (no script runs on these pages): where a login
 * lands, whose navigation the header shows, and texts written for who reads them (issue 19).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { httpChooserPage, httpLogin, httpSession } from '../support/http-login.ts';
import { formClient, linkedIds, type FormClient } from '../support/form-client.ts';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { DEMO_CITIZENS } from '../../db/seed/demo-identities.ts';

let server: TestServer;
const clients = new Map<string, FormClient>();
beforeAll(async () => {
  server = await startServer({ args: ['--demo-data'] });
});
afterAll(() => server?.stop());

async function as(kind: 'citizen' | 'staff', sub: string): Promise<FormClient> {
  let c = clients.get(sub);
  if (!c) clients.set(sub, (c = formClient(server.url, await httpSession(server.url, kind, sub))));
  return c;
}
/** The labels of the main navigation on a page. */
const navLabels = (html: string) => [...(/<nav class="site-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '').matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
const h1 = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '');

describe('after login each role lands on its home', () => {
  it.each([
    ['citizen', 'demo-anna', '/sv/my'],
    ['staff', 'demo-staff-kommun', '/sv/staff'],
    ['staff', 'demo-manager', '/sv/manager'],
    ['staff', 'demo-admin', '/sv/admin'],
  ] as const)('%s %s without a page asked for comes to %s', async (kind, sub, home) => {
    const { session, landing } = await httpLogin(server.url, kind, sub);
    expect(landing).toBe('/sv/home');
    const res = await fetch(`${server.url}${landing}`, { headers: { cookie: `__Host-sip_session=${session}` }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(home);
  });

  it('an explicit safe return still wins, and the start page\'s login link asks for none', async () => {
    const { landing } = await httpLogin(server.url, 'staff', 'demo-staff-kommun', `/sv/login/staff?return=${encodeURIComponent('/sv/account/access-log')}`);
    expect(landing).toBe('/sv/account/access-log');
    const start = await (await fetch(`${server.url}/sv/what-is-sip`)).text();
    expect(start).toContain('href="/sv/login"');
    expect(start).not.toContain('/sv/login?return=');
  });
});

describe('staff and managers get their own navigation', () => {
  it('staff see their work, not the citizens\' menu; a manager sees the dashboard; a person sees My SIP', async () => {
    const karin = navLabels((await (await as('staff', 'demo-staff-kommun')).get('/sv/staff')).html);
    expect(karin).toEqual(['Inkorg', 'Starta en SIP', 'Mitt konto']);
    const maria = navLabels((await (await as('staff', 'demo-manager')).get('/sv/manager')).html);
    expect(maria).toEqual(['Statistik', 'Mitt konto']);
    const anna = navLabels((await (await as('citizen', 'demo-anna')).get('/sv/my')).html);
    expect(anna).toEqual(['Start', 'Vad är en SIP?', 'För närstående', 'Begär SIP', 'Min SIP']);
  });
});

describe('texts take the reader into account', () => {
  it('a relative reading Olle\'s plan reads "Planen för Olle", Olle reads "Din plan"', async () => {
    const olle = await as('citizen', 'demo-olle');
    const bengt = DEMO_CITIZENS.find((c) => c.sub === 'demo-bengt')!;
    const shared = await olle.post('/sv/my/sharing', [['givenName', bengt.givenName], ['familyName', bengt.familyName], ['personalIdentityNumber', bengt.personalIdentityNumber]]);
    expect(shared.status).toBe(303);
    const [planId] = linkedIds((await olle.get('/sv/my')).html, 'my/plans');
    const own = await olle.get(`/sv/my/plans/${planId}`);
    expect(h1(own.html)).toBe('Din plan SIP-DEMO-0003');
    expect(own.html).toContain('Ditt samtycke gäller');
    const read = await (await as('citizen', 'demo-bengt')).get(`/sv/my/plans/${planId}`);
    expect(read.status).toBe(200);
    expect(h1(read.html)).toBe('Planen för Olle Uppföljare SIP-DEMO-0003');
    expect(read.html).toContain('Samtycket gäller');
    expect(read.html).not.toContain('Din plan');
  });

  it('staff read the place of the meeting without the request form\'s hint', async () => {
    const rasmus = await as('staff', 'demo-staff-region');
    const [requestId] = linkedIds((await rasmus.get('/sv/staff')).html, 'staff/requests');
    const page = await rasmus.get(`/sv/staff/requests/${requestId}`);
    expect(page.html).toContain('Hos en verksamhet');
    expect(page.html).not.toContain('till exempel på vårdcentralen');
    expect(page.html).not.toContain('Hemma hos mig');
  });

  it('closing reasons offered as options start with a capital; "ingen begäran" is good Swedish', async () => {
    const rasmus = await as('staff', 'demo-staff-region');
    const planId = linkedIds((await rasmus.get('/sv/staff')).html, 'staff/plans')[0];
    const close = await rasmus.get(`/sv/staff/plans/${planId}/close`);
    expect(close.html).toContain('>Målen är uppnådda<');
    expect(close.html).not.toContain('>målen är uppnådda<');
    const ivar = await (await as('citizen', 'demo-ivar')).get('/sv/my');
    expect(ivar.html).toContain('Här finns ingen begäran om SIP ännu.');
  });

  it('in Arabic, text staff wrote in Swedish sits in its own isolate; list items keep the page\'s direction', async () => {
    const olle = await as('citizen', 'demo-olle');
    const [planId] = linkedIds((await olle.get('/sv/my')).html, 'my/plans');
    const rasmus = await as('staff', 'demo-staff-region');
    const pages = [(await olle.get(`/ar/my/plans/${planId}`)).html, (await rasmus.get(`/ar/staff/plans/${planId}`)).html];
    for (const html of pages) {
      expect(html).toContain('dir="rtl"');
      expect(html).not.toMatch(/<(li|dd|td)[^>]* dir="auto"/);
      for (const written of ['Olle kommer till sina tider på mottagningen', 'Påminnelse dagen före varje tid', 'Vuxenpsykiatrin, rum 3']) {
        if (!html.includes(written)) continue;
        expect(html, written).toMatch(new RegExp(`<(bdi|[a-z]+ [^>]*dir="auto")[^>]*>${written}`));
      }
    }
    expect(pages[0]).toContain('Olle kommer till sina tider på mottagningen');
    expect(pages[1]).toMatch(/<bdi>Olle Uppföljare<\/bdi>/);
    expect(pages[1]).toContain('<bdi>Vuxenpsykiatrin, rum 3</bdi>');
  });
});

describe('the demo tells what only the source code told', () => {
  it('the citizens\' login picker shows each invented person\'s personnummer (needed to share a plan)', async () => {
    const html = await httpChooserPage(server.url, 'citizen');
    const bengt = DEMO_CITIZENS.find((c) => c.sub === 'demo-bengt')!.personalIdentityNumber;
    expect(html).toContain(`${bengt.slice(0, 8)}-${bengt.slice(8)}`);
    expect(html.match(/class="pnr"/g)).toHaveLength(DEMO_CITIZENS.length);
  });
});

describe('who has read my information, at a glance', () => {
  it('one row per reader and day with role and unit, newest first; every event on demand', async () => {
    const olle = await as('citizen', 'demo-olle');
    const rasmus = await as('staff', 'demo-staff-region');
    const [planId] = linkedIds((await olle.get('/sv/my')).html, 'my/plans');
    for (let i = 0; i < 3; i++) await rasmus.get(`/sv/staff/plans/${planId}`);
    const rows = (html: string) => [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    const grouped = await olle.get('/sv/account/access-log');
    expect(grouped.html).toContain('Vem som har läst eller ändrat, per dag och person, de senaste först');
    const rasmusRows = rows(grouped.html).filter((r) => r.includes('Rasmus Regionsson'));
    expect(rasmusRows).toHaveLength(1);
    expect(rasmusRows[0]).toContain('Sjuksköterska');
    expect(rasmusRows[0]).toMatch(/\d+ gånger/);
    // Rasmus read last, so his row comes first.
    expect(rows(grouped.html)[1]).toContain('Rasmus Regionsson');
    const all = await olle.get('/sv/account/access-log?all=1');
    expect(rows(all.html).filter((r) => r.includes('Rasmus Regionsson')).length).toBeGreaterThanOrEqual(3);
  });
});

describe('pages that read at a glance', () => {
  it.each(['/sv/', '/sv/what-is-sip', '/ar/what-is-sip'])('%s ends with the call to request a SIP, and the paper route', async (path) => {
    const html = await (await fetch(`${server.url}${path}`)).text();
    const lang = path.split('/')[1];
    expect(html).toMatch(new RegExp(`<section class="call-to-action"[^>]*>[\\s\\S]*href="/${lang}/request"[\\s\\S]*href="/${lang}/request/paper"[\\s\\S]*?</section>\\s*</main>`));
  });
});

describe('the demo mailbox', () => {
  it('links a caught invitation\'s .ics, which downloads as a calendar file; nothing outside the mail folder is read', async () => {
    // A mail as the demo's SMTP catcher stores it: an invitation with its iCalendar event.
    const mail = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail({
      from: 'sip@portal.example', to: 'frida@fk.example', subject: 'Kallelse till SIP-möte (SIP-TEST)', text: 'Du är kallad.',
      icalEvent: { method: 'request', filename: 'sip-mote.ics', content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' },
    });
    const dir = server.env.MAIL_DIR!;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '9999-invitation.eml'), mail.message as Buffer);
    const html = await (await fetch(`${server.url}/sv/demo/mailbox`)).text();
    const href = /href="(\/sv\/demo\/mailbox\/9999-invitation\.eml\/\d+)" download="sip-mote\.ics"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const res = await fetch(`${server.url}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/ics/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sip-mote.ics"');
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
    for (const bad of ['..%2F..%2Fetc%2Fpasswd/0', '9999-invitation.eml/7', '9999-invitation.eml/x', '.hidden.eml/0']) {
      expect((await fetch(`${server.url}/sv/demo/mailbox/${bad}`)).status, bad).toBe(404);
    }
  });
});
