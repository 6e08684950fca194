/**
 * Meeting places are stored as kinds (home, service, digital, other) and put into words for the one who
 * reads them: the person reads "Hemma hos dig", a relative, a guardian or staff read "Hemma hos Anna".
 */
import type { TFunction } from 'i18next';
import { isolate } from './bidi.ts';

/** Who reads a text about the plan's person: the person themself, or someone else who knows the name. */
export interface Reader {
  self: boolean;
  /** The person's name, for readers other than the person (omitted where the name may not be shown). */
  subjectName?: string;
}

/** The place kind in words for the reader; an unknown kind reads as "somewhere else". */
export function placeText(t: TFunction, kind: string, reader: Reader): string {
  if (kind === 'home') {
    if (reader.self) return t('common:place.homeSelf');
    return reader.subjectName ? t('common:place.homeOf', { name: isolate(reader.subjectName) }) : t('common:place.homeOfPerson');
  }
  return t(`common:place.${['service', 'digital'].includes(kind) ? kind : 'other'}`);
}
