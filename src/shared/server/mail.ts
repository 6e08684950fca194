/**
 * Putting e-mail on the wire (nodemailer: a maintained SMTP client with proper MIME and encoding, instead
 * of our own). Always through SMTP_URL: production's relay; in the demo, the SMTP catcher scripts/demo.ts
 * runs on 127.0.0.1 (its messages appear on the demo mailbox page); in tests, an SMTP server on loopback.
 * Actions never call this directly: they write their mail into the outbox in their own transaction
 * (mail-outbox.ts), and the outbox's sender delivers it here, retrying while the mail server is down.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { loadConfig } from './config.ts';

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
  // Short timeouts: a mail server that does not answer must not hold the sender for minutes.
  transporter ??= nodemailer.createTransport({ url: loadConfig().mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return transporter;
}

/**
 * Delivers one message to the SMTP server; throws when it could not. `messageId` is stable for an
 * outbox row, so a message sent twice (the sender died between sending and recording it) is one
 * message to mail clients.
 */
export async function deliverMail(mail: Mail, messageId: string): Promise<void> {
  const config = loadConfig();
  await transport().sendMail({
    from: config.mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId,
    headers: { 'Content-Language': mail.language },
    ...(mail.icalEvent ? { icalEvent: mail.icalEvent } : {}),
  });
}
