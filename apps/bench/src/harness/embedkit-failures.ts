import type { ScenarioResult } from './scenario-result.js';

/**
 * The rows of a run where embedkit itself did not complete: a row whose first cell names
 * embedkit and whose `result` is not a completion, or a query-latency row that failed. Peers may
 * fail (that is part of what the bench reports); embedkit failing means the bench or the library
 * broke, which the smoke run (`--quick`, called by the test suite) must not hide.
 */
export function embedkitFailures(results: readonly ScenarioResult[]): string[] {
  const failures: string[] = [];
  for (const result of results) {
    for (const row of result.rows) {
      const first = String(row[result.columns[0]!] ?? '');
      const outcome = String(row.result ?? row.queries ?? '');
      const isEmbedkit = first.startsWith('embedkit') || result.id === 'query-latency';
      if (isEmbedkit && /failed|timed out|did not finish|rows counted/.test(outcome)) {
        failures.push(`${result.title}: ${first} — ${outcome}`);
      }
    }
  }
  return failures;
}
