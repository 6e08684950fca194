/**
 * The invented people of the demo, as the demo OpenID provider knows them. Personal identity numbers
 * are made up (valid check digit, so the portal's parser accepts them); none belongs to a real person.
 */
import { luhnCheckDigit } from '../../src/features/access/personnummer.domain.ts';

function pnr(yyyymmdd: string, serial: string): string {
  const nine = `${yyyymmdd.slice(2)}${serial}`;
  return `${yyyymmdd}${serial}${luhnCheckDigit(nine)}`;
}

export interface DemoCitizen {
  sub: string;
  label: string;
  givenName: string;
  familyName: string;
  personalIdentityNumber: string;
  protectedIdentity?: boolean;
}

export interface DemoStaff {
  sub: string;
  label: string;
  givenName: string;
  familyName: string;
  hsaId: string;
  /** Demo staff accounts the admin has created (seeded); one identity deliberately has none. */
  account?: { principal?: string; unit?: string; title: string; canCoordinate?: boolean; manager?: string | readonly string[]; admin?: boolean; deviationHandler?: boolean };
}

export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  { sub: 'demo-anna', label: 'Person', givenName: 'Anna', familyName: 'Exempelsson', personalIdentityNumber: pnr('19811218', '987') },
  { sub: 'demo-bengt', label: 'Närstående (relative)', givenName: 'Bengt', familyName: 'Exempelsson', personalIdentityNumber: pnr('19580402', '123') },
  { sub: 'demo-cecilia', label: 'Vårdnadshavare (guardian) of Dani 12 and Elin 16', givenName: 'Cecilia', familyName: 'Provsdotter', personalIdentityNumber: pnr('19840917', '246') },
  { sub: 'demo-gustav', label: 'Vårdnadshavare (second guardian) of Dani and Elin', givenName: 'Gustav', familyName: 'Provsson', personalIdentityNumber: pnr('19820214', '371') },
  { sub: 'demo-greta', label: 'God man (legal representative) of Ivar', givenName: 'Greta', familyName: 'Godman', personalIdentityNumber: pnr('19660821', '428') },
  { sub: 'demo-ivar', label: 'Ivar, has a god man', givenName: 'Ivar', familyName: 'Ivarsson', personalIdentityNumber: pnr('19490130', '519') },
  { sub: 'demo-elin', label: 'Elin, 16', givenName: 'Elin', familyName: 'Provsdotter', personalIdentityNumber: pnr('20100605', '282') },
  { sub: 'demo-hassan', label: 'Person with a sent request (regional)', givenName: 'Hassan', familyName: 'Exempel', personalIdentityNumber: pnr('19900704', '357') },
  { sub: 'demo-lina', label: 'Person with a sent request (local, L-SIP)', givenName: 'Lina', familyName: 'Skogsberg', personalIdentityNumber: pnr('19950219', '468') },
  { sub: 'demo-olle', label: 'Person with an active plan, follow-up meeting today', givenName: 'Olle', familyName: 'Uppföljare', personalIdentityNumber: pnr('19720512', '173') },
  { sub: 'demo-fredrik', label: 'Skyddade personuppgifter (protected identity)', givenName: 'Fredrik', familyName: 'Skyddad', personalIdentityNumber: pnr('19770311', '135'), protectedIdentity: true },
];

export const DEMO_STAFF: readonly DemoStaff[] = [
  { sub: 'demo-staff-kommun', label: 'Staff, Exempelby kommun', givenName: 'Karin', familyName: 'Kommunsson', hsaId: 'SE2321000000-DEMO1', account: { principal: 'Exempelby kommun', unit: 'Socialtjänst vuxen', title: 'Socialsekreterare', canCoordinate: true } },
  { sub: 'demo-staff-region', label: 'Staff, Region Exempel', givenName: 'Rasmus', familyName: 'Regionsson', hsaId: 'SE2321000000-DEMO2', account: { principal: 'Region Exempel', unit: 'Vuxenpsykiatri', title: 'Sjuksköterska', canCoordinate: true } },
  { sub: 'demo-staff-skola', label: 'Staff, school', givenName: 'Sara', familyName: 'Skolberg', hsaId: 'SE2321000000-DEMO3', account: { principal: 'Exempelby skolförvaltning', unit: 'Elevhälsan', title: 'Skolkurator' } },
  { sub: 'demo-staff-skogsby', label: 'Staff, Skogsby kommun', givenName: 'Sofia', familyName: 'Skogsdotter', hsaId: 'SE2321000000-DEMO6', account: { principal: 'Skogsby kommun', unit: 'Individ- och familjeomsorg', title: 'Socialsekreterare', canCoordinate: true } },
  { sub: 'demo-staff-avvikelse', label: 'Deviation handler, Region Exempel', givenName: 'Dora', familyName: 'Avvikelsesson', hsaId: 'SE2321000000-DEMO7', account: { principal: 'Region Exempel', unit: 'Vuxenpsykiatri', title: 'Kvalitetssamordnare', deviationHandler: true } },
  { sub: 'demo-manager', label: 'Manager', givenName: 'Maria', familyName: 'Chefsdotter', hsaId: 'SE2321000000-DEMO4', account: { manager: 'Exempelby kommun', title: 'Verksamhetschef' } },
  { sub: 'demo-manager-lan', label: 'Manager of both agreements (all principals)', givenName: 'Lena', familyName: 'Länsdotter', hsaId: 'SE2321000000-DEMO8', account: { manager: ['Exempelby kommun', 'Region Exempel', 'Exempelby skolförvaltning', 'Skogsby kommun'], title: 'Samordnare för överenskommelsen' } },
  { sub: 'demo-admin', label: 'Admin', givenName: 'Adam', familyName: 'Administratör', hsaId: 'SE2321000000-DEMO5', account: { admin: true, title: 'Systemförvaltare' } },
  { sub: 'demo-unknown', label: 'Staff without an account', givenName: 'Ulla', familyName: 'Okänd', hsaId: 'SE2321000000-DEMO9' },
];

/** The demo population register's custody data: Cecilia and Gustav are guardians of Dani (12) and Elin (16). */
export const DEMO_GUARDIANSHIPS: readonly { guardian: string; child: { personalIdentityNumber: string; givenName: string; familyName: string; birthDate: string } }[] = [
  { guardian: 'demo-cecilia', child: { personalIdentityNumber: pnr('20140310', '264'), givenName: 'Dani', familyName: 'Provsdotter', birthDate: '2014-03-10' } },
  { guardian: 'demo-cecilia', child: { personalIdentityNumber: pnr('20100605', '282'), givenName: 'Elin', familyName: 'Provsdotter', birthDate: '2010-06-05' } },
  { guardian: 'demo-gustav', child: { personalIdentityNumber: pnr('20140310', '264'), givenName: 'Dani', familyName: 'Provsdotter', birthDate: '2014-03-10' } },
  { guardian: 'demo-gustav', child: { personalIdentityNumber: pnr('20100605', '282'), givenName: 'Elin', familyName: 'Provsdotter', birthDate: '2010-06-05' } },
];

/** Legal representatives registered by staff (god man, förvaltare): Greta is god man for Ivar. */
export const DEMO_REPRESENTATIONS: readonly { representative: string; represented: string; kind: 'godMan' | 'forvaltare' }[] = [
  { representative: 'demo-greta', represented: 'demo-ivar', kind: 'godMan' },
];
