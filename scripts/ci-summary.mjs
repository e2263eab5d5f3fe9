// Prints the closing line CI reads, `N passed, N failed`, from vitest's JSON report. A run that failed before
// vitest reported (install, build, lint, typecheck) counts as one failure, so it can never read as green.
import { existsSync, readFileSync } from 'node:fs';

const [file = 'reports/vitest.json', status = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false && failed === 0) failed = 1;
} else {
  process.stderr.write(`no test report at ${file}: the run stopped before the tests\n`);
}
if (status !== '0' && failed === 0) failed = 1;
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
