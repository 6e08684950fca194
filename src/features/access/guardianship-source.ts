/**
 * The one place the guardianship register is chosen: the register over HTTP when it is configured; the
 * demo table in demo mode; otherwise none — guardian features then say they are not available and how to
 * ask the municipality instead, and the portal never takes "no answer" for "no children".
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { loadConfig } from '../../shared/server/config.ts';
import { GuardianshipUnavailable, httpRegister } from './guardianship-http.ts';
import { demoRegisterGuardianships } from './guardianship.repository.ts';
import type { GuardianshipSource } from './guardianship.ts';

let register: GuardianshipSource | undefined;

/** No register configured (production without one): every question is "unavailable". */
const noRegister: GuardianshipSource = {
  childrenOf: () => Promise.reject(new GuardianshipUnavailable('no register is configured')),
  guardiansOf: () => Promise.reject(new GuardianshipUnavailable('no register is configured')),
};

/** The guardianship register of this process. */
export function guardianshipSource(db: Kysely<Database>): GuardianshipSource {
  const config = loadConfig();
  if (config.guardianshipRegister) return (register ??= httpRegister(config.guardianshipRegister));
  return config.mode === 'demo' ? demoRegisterGuardianships(db) : noRegister;
}
