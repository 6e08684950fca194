/**
 * `npm run demo` (SIP_MODE=demo): the production server with what only the demo has — its own OpenID
 * provider (the same login code as production; only the issuer differs) and an SMTP catcher whose mail
 * the demo mailbox page shows, unless real ones are configured — and, before it listens, the demo data
 * (`--demo-data`) and invented plans for the dashboard (`--synthetic N`, once: a second start adds none).
 */
import { resolve as resolvePath } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { generateSynthetic } from '../db/synthetic.ts';
import { serve } from '../src/server.ts';
import { logger } from '../src/shared/server/logger.ts';
import { systemClock } from '../src/shared/time/clock.ts';
import { startDemoIdp, type DemoIdp } from './demo-idp.ts';
import { startDemoSmtp, type DemoSmtp } from './demo-smtp.ts';

if (process.env.SIP_MODE !== 'demo') {
  console.error('scripts/demo.ts runs the demo: set SIP_MODE=demo (npm run demo does). For production use npm start.');
  process.exit(1);
}

let demoIdp: DemoIdp | undefined;
if (!process.env.OIDC_CITIZEN_ISSUER && !process.env.OIDC_STAFF_ISSUER) {
  const portalUrl = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 4321}`;
  demoIdp = await startDemoIdp({
    port: Number(process.env.DEMO_IDP_PORT ?? 4322),
    redirectUris: { citizen: [`${portalUrl}/auth/callback/citizen`], staff: [`${portalUrl}/auth/callback/staff`] },
  });
  Object.assign(process.env, {
    OIDC_CITIZEN_ISSUER: demoIdp.issuer,
    OIDC_CITIZEN_CLIENT_ID: demoIdp.clients.citizen.id,
    OIDC_CITIZEN_CLIENT_SECRET: demoIdp.clients.citizen.secret,
    OIDC_STAFF_ISSUER: demoIdp.issuer,
    OIDC_STAFF_CLIENT_ID: demoIdp.clients.staff.id,
    OIDC_STAFF_CLIENT_SECRET: demoIdp.clients.staff.secret,
  });
}

let demoSmtp: DemoSmtp | undefined;
if (!process.env.SMTP_URL) {
  demoSmtp = await startDemoSmtp({ port: Number(process.env.DEMO_SMTP_PORT ?? 2525), dir: resolvePath(process.env.MAIL_DIR || './data/mail') });
  process.env.SMTP_URL = demoSmtp.url;
}

async function prepare(db: Kysely<Database>): Promise<void> {
  if (process.argv.includes('--demo-data')) await seedDemo(db);
  const syntheticArg = process.argv.indexOf('--synthetic');
  if (syntheticArg < 0) return;
  const wanted = Number(process.argv[syntheticArg + 1]);
  const { rows } = await sql<{ n: string }>`select count(*) as n from plan where reference like 'SYN-%'`.execute(db);
  if (Number.isInteger(wanted) && wanted > 0 && Number(rows[0]!.n) === 0) {
    const result = await generateSynthetic(db, wanted, systemClock.now());
    logger.info({ plans: wanted, ms: result.ms }, 'synthetic data');
  }
}

await serve({
  prepare,
  onStop: async () => {
    await demoIdp?.close();
    await demoSmtp?.close();
  },
  info: { demoIdp: demoIdp?.issuer, demoSmtp: demoSmtp?.url },
});
