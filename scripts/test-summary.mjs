// Adds up the vitest JSON reports every package wrote and prints one closing line,
// "N passed, N failed, N skipped", so any CI can read the outcome of the whole suite.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const area of ['packages', 'apps', 'internal']) {
  if (!existsSync(area)) continue;
  for (const name of readdirSync(area)) {
    const report = join(area, name, '.vitest-report.json');
    if (!existsSync(report)) continue;
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.numPassedTests ?? 0;
    failed += result.numFailedTests ?? 0;
    skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
