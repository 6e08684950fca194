/** The e-mail receipt after sending a request: the reference and what happens next, never what was written. */
import type { TFunction } from 'i18next';
import type { QueuedMail } from '../../shared/server/mail-outbox.ts';
import { loadConfig } from '../../shared/server/config.ts';
import { languageTag, type Locale } from '../../shared/i18n/locales.ts';

/** The receipt in the person's language, for the outbox. */
export function receiptMail(t: TFunction, locale: Locale, r: { to: string; reference: string; status: 'sent' | 'awaitingConsent' }): QueuedMail {
  const config = loadConfig();
  const link = `${config.publicUrl}/${locale}/my`;
  return {
    kind: 'receipt',
    mail: {
      to: r.to,
      language: languageTag(locale),
      subject: t('mail:receipt.subject', { reference: r.reference }),
      text: [
        t('mail:receipt.greeting'),
        r.status === 'sent' ? t('mail:receipt.sent', { reference: r.reference }) : t('mail:receipt.waiting', { reference: r.reference }),
        r.status === 'sent' ? t('mail:receipt.next', { days: config.firstMeetingDays }) : t('mail:receipt.nextWaiting'),
        t('mail:receipt.link', { link }),
        t('mail:receipt.noReply'),
      ].join('\n\n'),
    },
  };
}
