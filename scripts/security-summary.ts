/**
 * The attack suite's closing line (`npm run test:security`, and `npm test` after its browser runs):
 * the routes × roles tried, the payloads sent and the failures, added up from the figures each file of
 * tests/security/ leaves in tests/.output/security/ and, when given, vitest's JSON report (a test that
 * failed before it could count still counts). Exits non-zero on any failure or when nothing ran.
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = 'tests/.output/security';
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
const total = { routesRoles: 0, payloads: 0, failures: 0 };
for (const file of files) {
  const t = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as typeof total;
  total.routesRoles += t.routesRoles;
  total.payloads += t.payloads;
  total.failures += t.failures;
}
let failedTests = 0;
for (const report of process.argv.slice(2)) {
  if (!fs.existsSync(report)) {
    failedTests++;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(report, 'utf8')) as { testResults: { name: string; assertionResults: { status: string }[]; status: string }[] };
  for (const file of r.testResults.filter((f) => f.name.includes(`${path.sep}tests${path.sep}security${path.sep}`))) {
    const failed = file.assertionResults.filter((a) => a.status === 'failed').length;
    failedTests += failed || (file.status === 'failed' ? 1 : 0);
  }
}
const failures = Math.max(total.failures, failedTests);
console.log(`security: routes×roles ${total.routesRoles}, payloads ${total.payloads}, failures ${failures}`);
process.exit(failures > 0 || files.length === 0 ? 1 : 0);
