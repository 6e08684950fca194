/**
 * The staff journey in the browser with JavaScript off: request → take → first contact → prepare →
 * invite (mail with iCalendar caught by the demo's SMTP catcher) → the invited colleague answers →
 * write the plan with "add another" buttons → offer → the person accepts → print as PDF. And two
 * staff editing one plan at once: the second save is refused with a clear message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { useServerAndBrowser } from '../support/harness.ts';
import { waitForFiles } from '../support/files.ts';
import { chooseIdentity, inDays, staffPage as loggedInStaff } from '../support/login.ts';
import { citizenPage } from '../support/request-journey.ts';

/** Text without the Unicode isolates that wrap what people typed. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-mail-'));
const harness = useServerAndBrowser({ args: ['--demo-data'], env: { MAIL_DIR: mailDir } });
let server: TestServer;
let browser: Browser;
const staffPage = (name: string, javaScriptEnabled = false) => loggedInStaff(browser, server.url, name, javaScriptEnabled);

beforeAll(() => {
  ({ server, browser } = harness());
});
afterAll(() => {
  if (process.env.DEBUG_SERVER) console.log(server.output().slice(-6000));
});



let planUrl = '';

describe('from request to an accepted plan', () => {
  it('staff take the request, record the first contact and prepare the meeting', async () => {
    const page = await staffPage('Rasmus Regionsson');
    await page.getByRole('link', { name: 'Inkorg' }).click();
    await page.getByRole('link', { name: 'SIP-DEMO-0001' }).click();
    expect(await page.locator('main').textContent()).toContain('Hjälp att få ordning på dagarna');
    await page.getByRole('button', { name: 'Ta begäran' }).click();
    await page.waitForURL(/\/sv\/staff\/plans\/[0-9a-f-]{36}\?taken=1$/);
    planUrl = page.url().split('?')[0]!;
    // The first contact: errors first, then right.
    await page.getByLabel('Datum för kontakten').fill('');
    await page.getByRole('button', { name: 'Spara' }).click();
    expect(await page.title()).toMatch(/^Fel: /);
    expect(await page.locator('.error-summary').textContent()).toContain('Skriv datum för kontakten');
    await page.getByLabel('Datum för kontakten').fill(inDays(0));
    await page.getByLabel('Vad ni kom fram till').fill('Ringde Hassan. Han vill ha ett möte på mottagningen.');
    await page.getByLabel('Vi går vidare med en SIP').check();
    await page.getByLabel('SIP (kommun och region)').check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/\?done=contacted$/);

    await page.getByRole('link', { name: 'Förbered mötet och kalla deltagarna' }).click();
    expect(await page.locator('main').textContent()).toContain('Jag vill ha en person att ringa till.');
    await page.getByLabel('Datum').fill(inDays(-1));
    await page.getByLabel('Börjar').fill('09:00');
    await page.getByLabel('Slutar').fill('08:00');
    await page.getByRole('button', { name: 'Boka mötet' }).click();
    const summary = await page.locator('.error-summary').textContent();
    expect(summary).toContain('Mötets datum kan inte ha passerat');
    expect(summary).toContain('Mötet måste sluta efter att det har börjat');
    expect(await page.getByLabel('Börjar').inputValue()).toBe('09:00');
    await page.getByLabel('Datum').fill(inDays(7));
    await page.getByLabel('Slutar').fill('10:30');
    await page.getByLabel('Hos en verksamhet').check();
    await page.getByLabel('Adress, rum eller länk').fill('Vuxenpsykiatrin, Storgatan 1, rum 3');
    await page.getByRole('button', { name: 'Boka mötet' }).click();
    await page.waitForURL(/\?done=meeting#invitees$/);
    await page.getByLabel('Personal med konto i portalen').check();
    await page.getByLabel('Personal', { exact: true }).selectOption({ label: 'Karin Kommunsson, Socialsekreterare – Socialtjänst vuxen, Exempelby kommun' });
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.waitForURL(/\?done=invitee#invitees$/);
    await page.getByLabel('Någon utanför portalen').check();
    await page.getByLabel('Namn', { exact: true }).fill('Frida Handläggare');
    await page.getByLabel('Organisation eller roll').fill('Försäkringskassan');
    await page.getByLabel('E-postadress (frivilligt)').fill('frida@fk.example');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Lägg till', exact: true }).click()]);
    expect(await page.locator('.invitee-list').textContent()).toContain('Frida Handläggare, Försäkringskassan');
    await page.getByRole('button', { name: 'Skicka kallelserna' }).click();
    await page.waitForURL(/\?done=invited&mails=1(#.*)?$/);

    // The invitation mail: the meeting, an iCalendar event, nothing about Hassan's health.
    const [file] = await waitForFiles(mailDir);
    const mail = await simpleParser(fs.readFileSync(path.join(mailDir, file!)));
    expect(mail.subject).toBe('Kallelse till SIP-möte (SIP-DEMO-0001)');
    expect(mail.text).not.toContain('dåligt');
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.content.toString('utf8')) as unknown[]).getFirstSubcomponent('vevent')!);
    expect(event.location).toBe('Vuxenpsykiatrin, Storgatan 1, rum 3');
    expect(event.startDate.toJSDate().getTime()).toBeGreaterThan(Date.now());
    // The demo mailbox shows it.
    await page.goto(`${server.url}/sv/demo/mailbox`);
    expect(await page.locator('main').textContent()).toContain('Kallelse till SIP-möte (SIP-DEMO-0001)');
  });

  it('the invited colleague answers in the portal; the coordinator sees it', async () => {
    const karin = await staffPage('Karin Kommunsson');
    await karin.goto(`${server.url}/sv/staff`);
    await karin.getByRole('link', { name: /SIP-möte SIP-DEMO-0001/ }).click();
    await karin.getByRole('button', { name: 'Skicka svar' }).click();
    expect(await karin.locator('.error-summary').textContent()).toContain('Välj om du kommer');
    await karin.getByLabel('Kan inte komma').check();
    await karin.getByLabel('Ersättare (om du inte kan komma)').fill('Kalle Ersättare, Socialtjänst vuxen');
    await karin.getByRole('button', { name: 'Skicka svar' }).click();
    await karin.waitForURL(/\?answered=1$/);
    const rasmus = await staffPage('Rasmus Regionsson');
    await rasmus.goto(planUrl);
    // Names people typed stand in Unicode isolates (U+2068 … U+2069); the words are what is read.
    expect(plain(await rasmus.locator('main table').textContent())).toContain('Kan inte komma (ersättare: Kalle Ersättare, Socialtjänst vuxen)');
  });

  it('staff write the plan without JavaScript and offer it; the person accepts and prints it', async () => {
    const page = await staffPage('Rasmus Regionsson');
    await page.goto(`${planUrl}/edit`);
    // Participants come from the invitations.
    expect(await page.getByLabel('Namn').first().inputValue()).toBe('Hassan Exempel');
    // The plan is made at the meeting: it cannot be offered before the first meeting is held.
    await page.getByRole('button', { name: 'Skicka planen till personen för godkännande' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('Markera det första mötet som genomfört');
    // The day of the meeting comes (the meeting is moved, never booked in the past) and it is marked held.
    expect((await fetch(`${server.url}/sv/test-routes/meetings-started?reference=SIP-DEMO-0001`, { method: 'POST', headers: { Origin: server.url } })).status).toBe(200);
    await page.goto(planUrl);
    await page.getByRole('button', { name: /^Mötet är genomfört/ }).click();
    await page.waitForURL(/\?done=held$/);
    expect(await page.locator('.meeting-list').textContent()).toContain('Första mötet');
    expect(await page.locator('.meeting-list').textContent()).toContain('genomfört');
    await page.goto(`${planUrl}/edit`);
    await page.getByRole('button', { name: 'Skicka planen till personen för godkännande' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('Planen saknar något');
    expect(await page.locator('.checklist').textContent()).toContain('Minst ett behov');
    await page.getByRole('button', { name: 'Lägg till ett behov' }).click();
    await page.getByLabel('Behov 1').fill('Stöd när jag mår dåligt');
    await page.getByRole('button', { name: 'Lägg till ett mål' }).click();
    await page.getByLabel('Målet').fill('En person att ringa till');
    await page.getByRole('button', { name: 'Lägg till ett delmål under mål 1' }).click();
    await page.getByLabel('Delmål 1.1').fill('Samordnaren ringer varje vecka');
    await page.getByRole('button', { name: 'Lägg till en insats' }).click();
    await page.getByLabel('Vad görs').fill('Stödsamtal varje vecka');
    await page.getByLabel('För vilket mål').selectOption({ label: 'En person att ringa till' });
    await page.getByLabel('När', { exact: true }).fill('Varje tisdag');
    // No responsible yet: the error says so, and what was typed stays.
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('Välj vem som ansvarar för insats 1');
    expect(await page.getByLabel('Vad görs').inputValue()).toBe('Stödsamtal varje vecka');
    await page.getByLabel('En verksamhet hos en huvudman').check();
    await page.getByLabel('Verksamhet', { exact: true }).selectOption({ label: 'Vuxenpsykiatri (Region Exempel)' });
    await page.getByLabel('Datum för uppföljning').fill(inDays(60));
    await page.getByLabel('Huvudman med övergripande ansvar').selectOption({ label: 'Region Exempel' });
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.waitForURL(/\?saved=1(#.*)?$/);
    await page.getByRole('button', { name: 'Skicka planen till personen för godkännande' }).click();
    await page.waitForURL(/\?done=offered(#.*)?$/);

    const hassan = await citizenPage(browser, server.url, 'Hassan Exempel');
    await hassan.goto(`${server.url}/sv/my`);
    await hassan.getByRole('link', { name: /Läs och svara på planen SIP-DEMO-0001/ }).click();
    await hassan.getByRole('button', { name: 'Skicka svar' }).click();
    expect(await hassan.locator('.error-summary').textContent()).toContain('Välj om du godkänner planen');
    await hassan.getByLabel('Jag godkänner planen').check();
    await hassan.getByRole('button', { name: 'Skicka svar' }).click();
    await hassan.waitForURL(/\?done=accept$/);
    expect(await hassan.locator('main dl').first().textContent()).toContain('Gäller');

    // Print: a PDF with the plan's content and none of the page's buttons.
    const pdf = await hassan.pdf({ format: 'A4' });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain('Samordnad individuell plan för Hassan Exempel');
    expect(text).toContain('Stödsamtal varje vecka');
    expect(text).toContain('Vuxenpsykiatri, Region Exempel');
    expect(text).not.toContain('Skicka svar');

    // Staff see the accepted version.
    await page.goto(planUrl);
    expect(plain(await page.locator('main').textContent())).toMatch(/Version 1 – godkänd .* av Hassan Exempel/);
  });

  it('two staff editing one plan at once: the second save is refused with a clear message, entries kept', async () => {
    const rasmus = await staffPage('Rasmus Regionsson');
    const karin = await staffPage('Karin Kommunsson');
    await rasmus.goto(`${planUrl}/edit`);
    await karin.goto(`${planUrl}/edit`);
    await rasmus.getByLabel('Övriga frågor', { exact: true }).fill('Rasmus: tolk behövs.');
    await rasmus.getByRole('button', { name: 'Spara', exact: true }).click();
    await rasmus.waitForURL(/\?saved=1(#.*)?$/);
    await karin.getByLabel('Övriga frågor', { exact: true }).fill('Karin: boendestöd diskuteras.');
    const response = karin.waitForResponse((r) => r.request().method() === 'POST');
    await karin.getByRole('button', { name: 'Spara', exact: true }).click();
    expect((await response).status()).toBe(409);
    expect(await karin.locator('.error-summary').textContent()).toContain('Någon annan (Rasmus Regionsson) sparade planen');
    expect(await karin.getByLabel('Övriga frågor', { exact: true }).inputValue()).toBe('Karin: boendestöd diskuteras.');
    // Saving again, knowingly, wins.
    await karin.getByRole('button', { name: 'Spara', exact: true }).click();
    await karin.waitForURL(/\?saved=1(#.*)?$/);
    expect(await karin.getByLabel('Övriga frågor', { exact: true }).inputValue()).toBe('Karin: boendestöd diskuteras.');
  });

  it('a session that times out while the plan is written keeps what was typed: log in again and it is saved', async () => {
    const page = await staffPage('Rasmus Regionsson');
    await page.goto(`${planUrl}/edit`);
    await page.getByLabel('Kontaktpersoner').fill('Skrivet precis innan sessionen tog slut.');
    const aged = await fetch(`${server.url}/sv/test-routes/expire-sessions`, { method: 'POST', headers: { Origin: server.url } });
    expect(aged.status).toBe(204);
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.waitForURL(/\/sv\/login\?return=.*&kept=1$/);
    expect(await page.getByRole('status').textContent()).toContain('Det du skrev är sparat');
    await chooseIdentity(page, 'staff', 'Rasmus Regionsson');
    await page.waitForURL(/\/edit\?saved=1(#.*)?$/);
    expect(await page.getByLabel('Kontaktpersoner').inputValue()).toBe('Skrivet precis innan sessionen tog slut.');
  });
});
