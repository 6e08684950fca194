/**
 * The follow-up reminder to the coordinator. Sent by the jobs runner, which also runs outside the Astro
 * bundle (scripts/start.ts, scripts/jobs.ts): so the Swedish texts are read straight from the locale file
 * instead of through i18next (whose loader is bundler-only). No health details, as in every mail.
 */
import mail from '../../../locales/sv/mail.json' with { type: 'json' };
import { sendMail } from '../../shared/server/mail.ts';
import { loadConfig } from '../../shared/server/config.ts';

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

/** Reminds the coordinator of a follow-up (before the date, or when it has passed). Resolves false when not sent. */
export function sendFollowUpReminder(to: string, reference: string, kind: 'before' | 'overdue', date: string): Promise<boolean> {
  const texts = mail.followUpReminder;
  return sendMail({
    to,
    language: 'sv-SE',
    subject: fill(texts[kind].subject, { reference }),
    text: [fill(texts[kind].body, { reference, date }), fill(texts.link, { link: `${loadConfig().publicUrl}/sv/staff` })].join('\n\n'),
  });
}
