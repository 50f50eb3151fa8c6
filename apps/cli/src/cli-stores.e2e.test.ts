import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.test-helpers.js';
import { type StoreUnderTest, storesUnderTest } from './stores-under-test.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));
/** The README's three queries, and the file each must find first. */
/** A search hit as the test compares it across stores. */
type ScoredId = { id: string; score: number };

const queries = [
  ['why do honey bees dance', /honey-bees\.md$/],
  // Hashing is lexical: either of the two documents about retrying is a fair first hit.
  [
    'how should a client wait before retrying a failed request',
    /(retries-and-backoff|http-rate-limits)\.md$/,
  ],
  ['what makes glacier ice look blue', /glaciers\.md$/],
] as const;

describe('every store kind through the CLI, by one config edit', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedkit-cli-stores-'));
  const stores: StoreUnderTest[] = storesUnderTest(cwd);
  /** Per store, per query: the top three hits' ids and scores. */
  const topHits = new Map<string, ScoredId[][]>();
  beforeAll(async () => {
    for (const store of stores) await store.start?.();
  }, 120_000);
  afterAll(async () => {
    for (const store of stores) await store.stop?.();
  });

  it.each(stores.map((store) => [store.kind, store] as const))(
    '%s: indexes the demo corpus, names its engine, and finds the README queries’ documents',
    async (kind, store) => {
      const config = `${kind}.json`;
      writeFileSync(
        join(cwd, config),
        JSON.stringify({
          embedding: { provider: 'hashing', dimensions: 256 },
          store: { ...store.settings(), collection: 'corpus' },
          chunking: { size: 200, overlap: 20 },
        }),
      );
      const env = store.env?.() ?? {};
      const indexed = await runBuiltCli(['--config', config, 'index', corpus, '--json'], {
        cwd,
        env,
      });
      expect(indexed.stderr).not.toContain('embedkit:');
      expect(indexed.code).toBe(0);
      const summary = JSON.parse(indexed.stdout);
      expect(summary.collectionCount).toBe(summary.storedChunks);
      const info = JSON.parse(
        (await runBuiltCli(['--config', config, 'info', '--json'], { cwd, env })).stdout,
      );
      expect(info).toMatchObject({
        store: kind,
        engine: store.engine,
        count: summary.storedChunks,
      });
      expect(info.location).toBeTruthy();
      const hits: ScoredId[][] = [];
      for (const [query, expected] of queries) {
        const search = await runBuiltCli(
          ['--config', config, 'search', query, '--json', '-k', '3'],
          {
            cwd,
            env,
          },
        );
        expect(search.code).toBe(0);
        const { results } = JSON.parse(search.stdout);
        expect(results[0].metadata.source).toMatch(expected);
        hits.push(results.map(({ id, score }: ScoredId) => ({ id, score })));
      }
      topHits.set(kind, hits);
    },
    180_000,
  );

  it('gets the same top hit for each query from every store (up to float ties)', () => {
    const [first, ...others] = [...topHits.entries()];
    const [referenceKind, reference] = first!;
    expect(topHits.size).toBe(stores.length);
    for (const [kind, hits] of others) {
      for (const [query, [top]] of hits.entries()) {
        const expected = reference![query]!;
        expect(
          top!.score,
          `${kind}'s top score for "${queries[query]![0]}" (${referenceKind}'s: ${expected[0]!.id})`,
        ).toBeCloseTo(expected[0]!.score, 4);
        // Engines compute scores in their own float order, so two chunks whose scores differ in
        // the 7th digit may swap; any other disagreement is a wrong answer.
        const twin = expected.find((hit) => hit.id === top!.id);
        expect(twin, `top hit ${top!.id} is in the reference's top three`).toBeDefined();
        expect(twin!.score).toBeCloseTo(expected[0]!.score, 4);
      }
    }
  });
});
