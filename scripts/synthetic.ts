/**
 * `npm run db:synthetic -- --plans N`: adds N invented plans with everything around them (db/synthetic.ts)
 * to the configured database (PGlite folder or DATABASE_URL), loading the demo data first if it is not
 * there, then rebuilds the dashboard's rollup and prints how long each part took.
 */
import { seedDemo } from '../db/seed/demo.ts';
import { generateSynthetic } from '../db/synthetic.ts';
import { ConfigError } from '../src/shared/server/config.ts';
import { closeDatabase, getDatabase } from '../src/shared/server/db.ts';
import { PgliteLockedError } from '../src/shared/server/pglite-lock.ts';
import { systemClock } from '../src/shared/time/clock.ts';
import { refreshRollup } from '../src/features/stats/rollup.service.ts';

const arg = process.argv.indexOf('--plans');
const plans = arg > 0 ? Number(process.argv[arg + 1]) : 10_000;
if (!Number.isInteger(plans) || plans < 1 || plans > 5_000_000) {
  console.error('Usage: npm run db:synthetic -- --plans N   (1 to 5 000 000)');
  process.exit(1);
}
try {
  const { db, kind } = await getDatabase();
  await seedDemo(db);
  const result = await generateSynthetic(db, plans, systemClock.now(), (done) => process.stdout.write(`\r${done} / ${plans} plans`));
  console.log(`\nsynthetic (${kind}): ${plans} plans with requests, meetings, follow-ups, deviations and SIP-kollen answers in ${(result.ms / 1000).toFixed(1)} s`);
  const stats = await refreshRollup(db, systemClock, { full: true });
  console.log(`statistics rollup: ${stats.months} months, ${stats.cells} cells in ${(stats.ms / 1000).toFixed(1)} s`);
} catch (error) {
  if (error instanceof PgliteLockedError || error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await closeDatabase();
}
