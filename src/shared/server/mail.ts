/**
 * Sending e-mail (nodemailer: a maintained SMTP client with proper MIME and encoding, instead of our own).
 * Production sends through SMTP_URL; the demo and tests write each message as an .eml file to MAIL_DIR,
 * so nothing leaves the machine. A failed send is logged (without the address) and never breaks the
 * action that caused it: mail is a courtesy, the portal's own pages are the record.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { loadConfig } from './config.ts';
import { logger } from './logger.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** BCP 47 language of the text (Content-Language). */
  language: string;
}

let transporter: Transporter | undefined;

/** Whether receipts can be sent at all (SMTP configured, or the demo's file outbox). */
export function mailEnabled(): boolean {
  const config = loadConfig();
  return !!config.mail.smtpUrl || config.mode === 'demo';
}

function transport(): Transporter {
  const { mail } = loadConfig();
  transporter ??= mail.smtpUrl ? nodemailer.createTransport(mail.smtpUrl) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return transporter;
}

/** Sends (or, in the demo, files) one message; resolves false when it could not be sent. */
export async function sendMail(mail: Mail): Promise<boolean> {
  if (!mailEnabled()) return false;
  const config = loadConfig();
  try {
    const info = await transport().sendMail({ from: config.mail.from, to: mail.to, subject: mail.subject, text: mail.text, headers: { 'Content-Language': mail.language } });
    if (!config.mail.smtpUrl) {
      fs.mkdirSync(config.mail.dir, { recursive: true });
      fs.writeFileSync(path.join(config.mail.dir, `${Date.now()}-${info.messageId.replace(/[^A-Za-z0-9.-]/g, '')}.eml`), info.message as Buffer);
    }
    return true;
  } catch (error) {
    logger.warn({ err: { message: (error as Error).message } }, 'mail not sent');
    return false;
  }
}
