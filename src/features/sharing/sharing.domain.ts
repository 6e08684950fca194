/**
 * Sharing with a relative (`delegate`): the person names a relative by personnummer and name; the
 * relative may then read the person's requests and plans until the share is revoked. Pure rules.
 */
import { Issues, type Validated } from '../../shared/forms/form.ts';
import { parseIdentityNumber } from '../access/personnummer.domain.ts';

export const NAME_MAX = 200;

export interface ShareInput {
  givenName: string;
  familyName: string;
  personalIdentityNumber: string;
  birthDate: string;
}

export function validateShare(raw: { givenName: string; familyName: string; personalIdentityNumber: string }, ownNumber: string, now: Date): Validated<ShareInput> {
  const issues = new Issues();
  const givenName = issues.textField('givenName', raw.givenName, NAME_MAX);
  const familyName = issues.textField('familyName', raw.familyName, NAME_MAX);
  let personalIdentityNumber = '';
  let birthDate = '';
  if (raw.personalIdentityNumber === '') issues.add('personalIdentityNumber', 'required');
  else {
    const parsed = parseIdentityNumber(raw.personalIdentityNumber, now);
    if (!parsed.ok) issues.add('personalIdentityNumber', 'invalidPersonnummer');
    else if (parsed.value.canonical === ownNumber) issues.add('personalIdentityNumber', 'isSelf');
    else ({ canonical: personalIdentityNumber, birthDate } = parsed.value);
  }
  return issues.result({ givenName, familyName, personalIdentityNumber, birthDate });
}
