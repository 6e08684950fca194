/**
 * Adds up vitest's JSON reports of every suite and prints one closing line, "N passed, N failed",
 * that CI reads. Exits non-zero when a test failed or a suite left no report (it crashed).
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? 'tests/.output';
const expected = ['unit-pglite', 'unit-postgres', 'browser-pglite', 'browser-postgres'];
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const name of expected) {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) {
    console.log(`${name}: no report (the suite did not finish)`);
    missing++;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
    testResults?: { name: string; status?: string; message?: string; assertionResults: { status: string; fullName: string; failureMessages?: string[] }[] }[];
  };
  // A file that fails before its tests run (a server that does not start) counts as a failure too.
  // (numFailedTestSuites counts describe blocks as well as files: one file with two failing blocks was "3".)
  const failedFiles = report.testResults ? report.testResults.filter((f) => f.status === 'failed').length : (report.numFailedTestSuites ?? 0);
  console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${failedFiles} failed files`);
  // Name what failed, at the end of the output where CI's excerpt shows it.
  for (const file of report.testResults ?? []) {
    const where = path.relative(process.cwd(), file.name);
    for (const t of file.assertionResults.filter((a) => a.status === 'failed')) {
      const why = (t.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 300);
      console.log(`  failed: ${where} > ${t.fullName}: ${why}`);
    }
    if (file.assertionResults.length === 0 && file.message) console.log(`  failed: ${where}: ${file.message.split('\n')[0]!.slice(0, 300)}`);
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTests === 0 ? failedFiles : 0);
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`summary: ${passed} passed, ${failed + missing} failed, ${skipped} skipped`);
process.exit(failed + missing > 0 || passed === 0 ? 1 : 0);
