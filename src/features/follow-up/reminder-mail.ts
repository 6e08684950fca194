/**
 * The follow-up reminder to the coordinator. Written by the jobs runner, which also runs outside the Astro
 * bundle (src/server.ts, scripts/jobs.ts): so the Swedish texts are read straight from the locale file
 * instead of through i18next (whose loader is bundler-only). No health details, as in every mail.
 */
import mail from '../../../locales/sv/mail.json' with { type: 'json' };
import type { QueuedMail } from '../../shared/server/mail-outbox.ts';
import { loadConfig } from '../../shared/server/config.ts';

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

/** The reminder of a follow-up (before the date, or when it has passed), for the outbox. */
export function followUpReminderMail(to: string, reference: string, kind: 'before' | 'overdue', date: string): QueuedMail {
  const texts = mail.followUpReminder;
  return {
    kind: 'followUpReminder',
    mail: {
      to,
      language: 'sv-SE',
      subject: fill(texts[kind].subject, { reference }),
      text: [fill(texts[kind].body, { reference, date }), fill(texts.link, { link: `${loadConfig().publicUrl}/sv/staff` })].join('\n\n'),
    },
  };
}
