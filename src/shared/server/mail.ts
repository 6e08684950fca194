/**
 * Sending e-mail (nodemailer: a maintained SMTP client with proper MIME and encoding, instead of our own).
 * Always through SMTP_URL: production's relay; in the demo, the SMTP catcher scripts/start.ts runs on
 * 127.0.0.1 (its messages appear on the demo mailbox page); in tests, an SMTP server on loopback. A
 * failed send is logged (without the address) and never breaks the action that caused it: mail is a
 * courtesy, the portal's own pages are the record.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { loadConfig } from './config.ts';
import { logger } from './logger.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** BCP 47 language of the text (Content-Language). */
  language: string;
  /** A calendar event (iCalendar text), sent as text/calendar alternative and .ics attachment. */
  icalEvent?: { method: 'request' | 'cancel'; filename: string; content: string };
}

let transporter: Transporter | undefined;

/** Whether mail can be sent at all (SMTP configured). */
export function mailEnabled(): boolean {
  return !!loadConfig().mail.smtpUrl;
}

function transport(): Transporter {
  transporter ??= nodemailer.createTransport(loadConfig().mail.smtpUrl);
  return transporter;
}

/** Sends one message; resolves false when it could not be sent. */
export async function sendMail(mail: Mail): Promise<boolean> {
  if (!mailEnabled()) return false;
  const config = loadConfig();
  try {
    await transport().sendMail({
      from: config.mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'Content-Language': mail.language },
      ...(mail.icalEvent ? { icalEvent: mail.icalEvent } : {}),
    });
    return true;
  } catch (error) {
    logger.warn({ err: { message: (error as Error).message } }, 'mail not sent');
    return false;
  }
}
