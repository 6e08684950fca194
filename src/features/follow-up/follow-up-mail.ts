/**
 * The e-mails of follow-up, deviations and SIP-kollen. Like every mail from the portal they say only
 * that something waits in the portal — no health details, no goals, no assessments.
 */
import { sendMail } from '../../shared/server/mail.ts';
import { loadConfig } from '../../shared/server/config.ts';
import { translator } from '../../shared/i18n/i18n.ts';
import { languageTag } from '../../shared/i18n/locales.ts';
import type { FeedbackMail } from '../feedback/feedback.service.ts';

const LOCALE = 'sv' as const;

/** The invitation to SIP-kollen: the link carries the single-use token (it is not stored anywhere). */
export async function sendFeedbackMails(mails: readonly FeedbackMail[]): Promise<number> {
  const t = translator(LOCALE);
  let sent = 0;
  for (const m of mails) {
    const link = `${loadConfig().publicUrl}/${LOCALE}/sip-kollen/${m.token}`;
    const ok = await sendMail({
      to: m.to,
      language: languageTag(LOCALE),
      subject: t('mail:feedback.subject'),
      text: [t('mail:feedback.body'), t('mail:feedback.link', { link }), t('mail:feedback.anonymous'), t('mail:feedback.otherLanguages'), t('mail:receipt.noReply')].join('\n\n'),
    });
    if (ok) sent++;
  }
  return sent;
}

/** Tells a principal's deviation handlers that a deviation waits (no details). */
export async function sendDeviationMails(to: readonly string[]): Promise<void> {
  const t = translator(LOCALE);
  for (const address of to) {
    await sendMail({
      to: address,
      language: languageTag(LOCALE),
      subject: t('mail:deviation.subject'),
      text: [t('mail:deviation.body'), t('mail:deviation.link', { link: `${loadConfig().publicUrl}/${LOCALE}/staff/deviations` })].join('\n\n'),
    });
  }
}
