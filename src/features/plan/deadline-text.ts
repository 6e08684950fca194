/**
 * A deadline in words (never colour alone): "3 days left (1 Dec)", "Overdue by 2 days", "Done", and the
 * class that colours it. A function, not only a component: a list of 50 plans shows 150 of them, and an
 * Astro component instance each cost more than the text.
 */
import type { TFunction } from 'i18next';
import type { Deadline } from './deadline.domain.ts';
import { languageTag, type Locale } from '../../shared/i18n/locales.ts';
import { dateTimeFormat } from '../../shared/i18n/intl.ts';

export function deadlineText(t: TFunction, locale: Locale, deadline: Deadline): { text: string; className: string } {
  const due = dateTimeFormat(languageTag(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${deadline.dueDate}T00:00:00Z`));
  const text =
    deadline.state === 'done'
      ? t('staff:deadline.done')
      : deadline.state === 'overdue'
        ? t('staff:deadline.overdue', { count: -deadline.daysLeft, date: due })
        : deadline.state === 'dueToday'
          ? t('staff:deadline.today', { date: due })
          : t('staff:deadline.left', { count: deadline.daysLeft, date: due });
  return { text, className: `deadline deadline--${deadline.state}` };
}
