import type { ScenarioResult } from './scenario-result.js';

/**
 * The rows of a run where embedkit itself did not complete: a row whose first cell names
 * embedkit and whose `result` is not a completion, or a query-latency row that failed. Peers may
 * fail (that is part of what the bench reports); embedkit failing means the bench or the library
 * broke, which the smoke run (`--quick`, called by the test suite) must not hide.
 *
 * Bridge rows ("embedkit via …") run a peer's own object under embedkit's runner, so in a full
 * run they can fail the way the peer's object does (LangChain's `JinaEmbeddings` throws a 429 as
 * a plain `Error` with no status, which no runner can tell from a bug); they count only when
 * `countBridges` is set, as the smoke run does, where no limit is met and a failure is a break.
 */
export function embedkitFailures(
  results: readonly ScenarioResult[],
  { countBridges }: { countBridges: boolean },
): string[] {
  const failures: string[] = [];
  for (const result of results) {
    for (const row of result.rows) {
      const first = String(row[result.columns[0]!] ?? '');
      const outcome = String(row.result ?? row.queries ?? '');
      const isBridge = first.startsWith('embedkit via');
      const isEmbedkit =
        (first.startsWith('embedkit') && (countBridges || !isBridge)) ||
        result.id === 'query-latency';
      if (isEmbedkit && /failed|timed out|did not finish|rows counted/.test(outcome)) {
        failures.push(`${result.title}: ${first} — ${outcome}`);
      }
    }
  }
  return failures;
}
