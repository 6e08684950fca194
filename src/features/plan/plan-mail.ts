/**
 * The e-mails of the staff journey, written for the mail outbox (the services queue them in the
 * transaction of their action). Invitations carry an iCalendar event (ical-generator: a maintained
 * RFC 5545 writer, so folding, escaping and time zones are right) and say only that there is a meeting,
 * when and where, and where to log in — never health details. Notices to the person and to staff are
 * just as bare: something waits for you in the portal.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { QueuedMail } from '../../shared/server/mail-outbox.ts';
import { loadConfig } from '../../shared/server/config.ts';
import { translator } from '../../shared/i18n/i18n.ts';
import { languageTag } from '../../shared/i18n/locales.ts';
import type { InvitationCoordinator, InvitationMail } from './meeting.service.ts';
import type { MeetingRow } from './meeting.repository.ts';
import { dateTimeFormat } from '../../shared/i18n/intl.ts';

/** Staff mails and invitations are written in Swedish (the portal knows no other language of theirs). */
const LOCALE = 'sv' as const;

export function invitationIcs(meeting: MeetingRow, summary: string, description: string): string {
  const { mail } = loadConfig();
  const organizer = /<([^>]+)>/.exec(mail.from)?.[1] ?? mail.from;
  const calendar = ical({ prodId: { company: 'SIP-portalen', product: 'SIP-portalen', language: 'SV' }, method: ICalCalendarMethod.REQUEST });
  calendar.createEvent({
    id: meeting.icsUid,
    sequence: meeting.icsSequence,
    start: meeting.startsAt,
    end: meeting.endsAt,
    summary,
    location: meeting.location,
    description,
    organizer: { name: 'SIP-portalen', email: organizer },
    url: `${loadConfig().publicUrl}/${LOCALE}/login`,
  });
  return calendar.toString();
}

function when(meeting: MeetingRow): string {
  const format = dateTimeFormat(languageTag(LOCALE), { timeZone: 'Europe/Stockholm', dateStyle: 'full', timeStyle: 'short' });
  const end = dateTimeFormat(languageTag(LOCALE), { timeZone: 'Europe/Stockholm', timeStyle: 'short' }).format(meeting.endsAt);
  return `${format.format(meeting.startsAt)}–${end}`;
}

/**
 * The invitation mails of a meeting, one per invitee with an address. They name the coordinator and how
 * to reach them (the mail itself comes from an address that cannot be answered). A meeting in the
 * person's home is never given away to anyone but the person: others read that the place is in the
 * portal (staff) or that the coordinator tells them (people outside the portal), and their calendar
 * event has no address.
 */
export function invitationMails({ meeting, reference, mails, coordinator }: { meeting: MeetingRow; reference: string; mails: readonly InvitationMail[]; coordinator: InvitationCoordinator | null }): QueuedMail[] {
  const t = translator(LOCALE);
  const config = loadConfig();
  const summary = t('mail:invitation.summary');
  const description = t('mail:invitation.description', { link: `${config.publicUrl}/${LOCALE}/login` });
  const full = invitationIcs(meeting, summary, description);
  const withheld = meeting.placeKind === 'home' ? invitationIcs({ ...meeting, location: '' }, summary, description) : full;
  const contact = coordinator ? [coordinator.name, coordinator.title, coordinator.email].filter(Boolean).join(', ') : undefined;
  return mails.map((m) => {
    const link = m.kind === 'staff' ? `${config.publicUrl}/${LOCALE}/staff` : m.kind === 'person' ? `${config.publicUrl}/${LOCALE}/my` : undefined;
    const hidden = meeting.placeKind === 'home' && m.kind !== 'person';
    const where = !hidden ? `${t(`mail:invitation.place.${meeting.placeKind}`)}, ${meeting.location}` : t(m.kind === 'staff' ? 'mail:invitation.placeInPortal' : 'mail:invitation.placeFromCoordinator');
    return { kind: 'invitation', mail: {
      to: m.to,
      language: languageTag(LOCALE),
      subject: t(meeting.icsSequence > 0 ? 'mail:invitation.subjectUpdated' : 'mail:invitation.subject', { reference }),
      text: [
        t('mail:invitation.greeting', { name: m.name }),
        t('mail:invitation.body', { when: when(meeting), where, reference }),
        link ? t('mail:invitation.answerInPortal', { link }) : contact ? t('mail:invitation.answerCoordinator', { contact }) : t('mail:invitation.answerNoCoordinator'),
        contact ? t('mail:invitation.coordinator', { contact }) : '',
        t('mail:invitation.noDetails'),
      ].filter(Boolean).join('\n\n'),
      icalEvent: { method: 'request' as const, filename: 'sip-mote.ics', content: hidden ? withheld : full },
    } };
  });
}

/** Tells the person a plan waits for them to read and accept (no content in the mail). */
export function planOfferedMail({ to, reference }: { to: string; reference: string }): QueuedMail {
  const t = translator(LOCALE);
  return { kind: 'planOffered', mail: {
    to,
    language: languageTag(LOCALE),
    subject: t('mail:planOffered.subject', { reference }),
    text: [t('mail:planOffered.body', { reference }), t('mail:planOffered.link', { link: `${loadConfig().publicUrl}/${LOCALE}/my` }), t('mail:receipt.noReply')].join('\n\n'),
  } };
}

/** Tells the coordinator that the person withdrew consent and the plan is closed. */
export function consentWithdrawnMail({ to, reference }: { to: string; reference: string }): QueuedMail {
  const t = translator(LOCALE);
  return { kind: 'consentWithdrawn', mail: {
    to,
    language: languageTag(LOCALE),
    subject: t('mail:consentWithdrawn.subject', { reference }),
    text: [t('mail:consentWithdrawn.body', { reference }), t('mail:consentWithdrawn.link', { link: `${loadConfig().publicUrl}/${LOCALE}/staff` })].join('\n\n'),
  } };
}
