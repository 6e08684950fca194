/**
 * The demo mailbox: what the demo's SMTP catcher received (scripts/demo-smtp.ts), newest first, parsed
 * with mailparser (the Nodemailer project's MIME parser). Demo mode only; production has no mailbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { loadConfig } from './config.ts';

export interface DemoMail {
  file: string;
  date: Date | undefined;
  to: string;
  subject: string;
  /** Content-Language of the message, for the page's lang attribute. */
  language: string | undefined;
  text: string;
  attachments: { filename: string; contentType: string }[];
}

export async function demoMailbox(limit = 50): Promise<DemoMail[] | undefined> {
  const config = loadConfig();
  if (config.mode !== 'demo') return undefined;
  let files: string[];
  try {
    files = fs.readdirSync(config.mail.dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  files.sort().reverse();
  const mails: DemoMail[] = [];
  for (const file of files.slice(0, limit)) {
    const parsed = await simpleParser(fs.readFileSync(path.join(config.mail.dir, file)));
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
    mails.push({
      file,
      date: parsed.date,
      to,
      subject: parsed.subject ?? '',
      language: typeof parsed.headers.get('content-language') === 'string' ? (parsed.headers.get('content-language') as string) : undefined,
      text: parsed.text ?? '',
      attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? a.contentType, contentType: a.contentType })),
    });
  }
  return mails;
}
