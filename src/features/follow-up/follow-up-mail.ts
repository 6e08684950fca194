/**
 * The e-mails of follow-up, deviations and SIP-kollen, written for the mail outbox (the services queue
 * them in the transaction of their action). Like every mail from the portal they say only that
 * something waits in the portal — no health details, no goals, no assessments.
 */
import type { QueuedMail } from '../../shared/server/mail-outbox.ts';
import { loadConfig } from '../../shared/server/config.ts';
import { translator } from '../../shared/i18n/i18n.ts';
import { languageTag } from '../../shared/i18n/locales.ts';
import type { FeedbackMail } from '../feedback/feedback.service.ts';

const LOCALE = 'sv' as const;

/**
 * The invitations to SIP-kollen: the link carries the single-use token. The outbox holds it only until
 * the mail is sent (the sent row keeps no message).
 */
export function feedbackMails(mails: readonly FeedbackMail[]): QueuedMail[] {
  const t = translator(LOCALE);
  return mails.map((m) => {
    const link = `${loadConfig().publicUrl}/${LOCALE}/sip-kollen/${m.token}`;
    return {
      kind: 'feedback',
      mail: {
        to: m.to,
        language: languageTag(LOCALE),
        subject: t('mail:feedback.subject'),
        text: [t('mail:feedback.body'), t('mail:feedback.link', { link }), t('mail:feedback.anonymous'), t('mail:feedback.otherLanguages'), t('mail:receipt.noReply')].join('\n\n'),
      },
    };
  });
}

/** Tells a principal's deviation handlers that a deviation waits (no details). */
export function deviationMails(to: readonly string[]): QueuedMail[] {
  const t = translator(LOCALE);
  return to.map((address) => ({
    kind: 'deviation',
    mail: {
      to: address,
      language: languageTag(LOCALE),
      subject: t('mail:deviation.subject'),
      text: [t('mail:deviation.body'), t('mail:deviation.link', { link: `${loadConfig().publicUrl}/${LOCALE}/staff/deviations` })].join('\n\n'),
    },
  }));
}
