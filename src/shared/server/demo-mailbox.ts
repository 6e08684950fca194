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

/** A name for a part without one: the calendar alternative of an invitation is an .ics too. */
function fallbackName(filename: string | undefined, contentType: string, index: number): string {
  return filename ?? (contentType === 'text/calendar' ? `event-${index}.ics` : `attachment-${index}`);
}

/** The mails the demo caught, newest first (at most `limit`); undefined outside demo mode. */
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
      attachments: parsed.attachments.map((a, i) => ({ filename: fallbackName(a.filename, a.contentType, i), contentType: a.contentType })),
    });
  }
  return mails;
}

/**
 * One attachment of a caught mail (e.g. the invitation's .ics), for the mailbox's download link; undefined
 * outside demo mode or when the file or attachment does not exist. Only plain `<name>.eml` names of files
 * in the mail folder are read: the name comes from a URL.
 */
export async function demoAttachment(file: string, index: number): Promise<{ filename: string; contentType: string; content: Buffer } | undefined> {
  const config = loadConfig();
  if (config.mode !== 'demo' || !/^[\w.-]{1,200}\.eml$/.test(file) || file.startsWith('.') || !Number.isInteger(index) || index < 0) return undefined;
  let raw: Buffer;
  try {
    raw = fs.readFileSync(path.join(config.mail.dir, file));
  } catch {
    return undefined;
  }
  const a = (await simpleParser(raw)).attachments[index];
  return a ? { filename: fallbackName(a.filename, a.contentType, index), contentType: a.contentType, content: a.content } : undefined;
}
