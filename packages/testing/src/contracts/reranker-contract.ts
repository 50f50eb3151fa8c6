import {
  AbortError,
  InvalidInputError,
  type Reranker,
  type RerankerRegistry,
  type RerankResult,
} from '@embedkit/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simulatedRelevance } from '../jina/jina-rerank-route.js';
import type { FaultInjector, FaultKind } from '../simulators/fault-injector.js';
import type { HttpSimulator } from '../simulators/http-simulator.js';

export interface RerankerContractSetup {
  /**
   * Builds the reranker under test, pointed at its simulator with fast retries; with
   * `maxDocumentsPerCall` it must split larger calls (the suite forces splits with it).
   */
  create(options?: { maxDocumentsPerCall?: number }): Reranker;
  /** The simulator the reranker talks to, for request counts and injected faults. */
  simulator: Pick<HttpSimulator, 'stats' | 'resetStats' | 'waitUntilIdle'> & {
    faults: FaultInjector;
  };
  /**
   * The score the simulator gives a pair, to check the order. Default `simulatedRelevance`,
   * which every embedkit rerank simulator uses (TEI's raw scores are its logit).
   */
  expectedScore?: (query: string, document: string) => number;
  /**
   * A fault the provider documents as retryable, for the retry test. Default `serverError` (a
   * 5xx); TEI answers its model failures with a non-retryable 424, so its suite uses `rateLimit`.
   */
  retryableFault?: FaultKind;
  /** Rebuilds the reranker from `toConfig()`; checks the round trip when given. */
  registry?: RerankerRegistry;
  /** Strings that must never appear in `toConfig()` (API keys). */
  secrets?: string[];
  teardown?: () => Promise<void>;
}

const query = 'why do cats purr';
const documents = [
  'The stock market fell sharply today.',
  'Cats sleep most of the day and purr.',
  'Why cats purr: a guide for owners of cats.',
  'Dogs bark at the mail carrier.',
  'Recipes for cat food at home.',
];

/**
 * The behaviour every `Reranker` promises, run against one implementation and its simulator:
 * best-first order with indices that map back to the input, `topN`, documents as strings or
 * `{ id, text, metadata }` handed back unchanged, split calls merged by score into the order
 * one call gives, retries of retryable failures, abort before and during a call, usage and
 * progress, input checks before any request, and a secret-free `toConfig()` that round-trips.
 */
export function describeRerankerContract(
  name: string,
  setup: () => Promise<RerankerContractSetup> | RerankerContractSetup,
): void {
  describe(`Reranker contract: ${name}`, () => {
    let context: RerankerContractSetup;
    beforeAll(async () => {
      context = await setup();
    });
    afterAll(async () => {
      await context?.teardown?.();
    });
    beforeEach(() => context.simulator.resetStats());

    const expectedOrder = (texts: readonly string[]) => {
      const score = context.expectedScore ?? simulatedRelevance;
      return texts
        .map((text, index) => ({ index, score: score(query, text) }))
        .sort((left, right) => right.score - left.score || left.index - right.index)
        .map((result) => result.index);
    };

    it('returns every document best first, with indices and scores that map back', async () => {
      const results = await context.create().rerank(query, documents);
      expect(results.map((result) => result.index)).toEqual(expectedOrder(documents));
      for (const result of results) {
        expect(result.document).toBe(documents[result.index]);
        expect(Number.isFinite(result.score)).toBe(true);
      }
      for (let position = 1; position < results.length; position++) {
        expect(results[position - 1]!.score).toBeGreaterThanOrEqual(results[position]!.score);
      }
      expect(context.simulator.stats.requests).toBe(1);
    });

    it('keeps only the best topN, and refuses a bad topN before any request', async () => {
      const results = await context.create().rerank(query, documents, { topN: 2 });
      expect(results.map((result) => result.index)).toEqual(expectedOrder(documents).slice(0, 2));
      const before = context.simulator.stats.requests;
      for (const topN of [0, -1, 1.5]) {
        await expect(context.create().rerank(query, documents, { topN })).rejects.toThrow(
          InvalidInputError,
        );
      }
      expect(context.simulator.stats.requests).toBe(before);
    });

    it('hands { id, text, metadata } documents back unchanged', async () => {
      const objects = documents.map((text, index) => ({
        id: `doc-${index}`,
        text,
        metadata: { position: index },
      }));
      const results: RerankResult<(typeof objects)[number]>[] = await context
        .create()
        .rerank(query, objects, { topN: 3 });
      expect(results).toHaveLength(3);
      for (const result of results) {
        expect(result.document).toBe(objects[result.index]);
        expect(result.document.metadata.position).toBe(result.index);
      }
    });

    it('splits calls by the document cap and merges them by score into one order', async () => {
      const whole = await context.create().rerank(query, documents);
      context.simulator.resetStats();
      const split = await context.create({ maxDocumentsPerCall: 2 }).rerank(query, documents);
      expect(context.simulator.stats.requests).toBe(3);
      expect(split.map((result) => result.index)).toEqual(whole.map((result) => result.index));
      for (let position = 0; position < whole.length; position++) {
        expect(split[position]!.score).toBeCloseTo(whole[position]!.score, 6);
      }
    });

    it('retries retryable failures and reports them in usage', async () => {
      context.simulator.faults.force(context.retryableFault ?? 'serverError', 2);
      const { results, usage } = await context.create().rerankWithUsage(query, documents);
      expect(results.map((result) => result.index)).toEqual(expectedOrder(documents));
      expect(usage.retries).toBe(2);
      expect(usage.calls).toBe(1);
      expect(context.simulator.stats.requests).toBe(3);
    });

    it('reports usage and progress per call', async () => {
      const progress: { done: number; total: number }[] = [];
      const { usage } = await context
        .create({ maxDocumentsPerCall: 2 })
        .rerankWithUsage(query, documents, {
          onProgress: ({ done, total }) => progress.push({ done, total }),
        });
      expect(usage.calls).toBe(3);
      expect(usage.tokens).toBeGreaterThan(0);
      expect(progress).toHaveLength(3);
      expect(progress.at(-1)).toEqual({ done: documents.length, total: documents.length });
    });

    it('stops on abort: before the first request and while one is in flight', async () => {
      const reranker = context.create();
      const aborted = new AbortController();
      aborted.abort();
      await expect(reranker.rerank(query, documents, { signal: aborted.signal })).rejects.toSatisfy(
        (error) => AbortError.isInstance(error),
      );
      expect(context.simulator.stats.requests).toBe(0);

      context.simulator.faults.force('stall');
      const controller = new AbortController();
      const pending = reranker.rerank(query, documents, { signal: controller.signal });
      const settled = pending.catch((error: unknown) => error);
      while (context.simulator.stats.requests === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      controller.abort();
      expect(AbortError.isInstance(await settled)).toBe(true);
      await context.simulator.waitUntilIdle();
      expect(context.simulator.stats.requests).toBe(1);
    });

    it('checks the call before any request: query, documents, and none to rank', async () => {
      const reranker = context.create();
      await expect(reranker.rerank('', documents)).rejects.toThrow(InvalidInputError);
      const error = await reranker
        .rerank(query, ['fine', 42 as unknown as string])
        .catch((caught: unknown) => caught);
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect((error as InvalidInputError).index).toBe(1);
      await expect(reranker.rerank(query, ['fine', '  '])).rejects.toThrow(InvalidInputError);
      expect(await reranker.rerank(query, [])).toEqual([]);
      expect(context.simulator.stats.requests).toBe(0);
    });

    it('describes itself with a secret-free toConfig() that rebuilds an equal reranker', async () => {
      const reranker = context.create();
      const config = reranker.toConfig();
      expect(config.provider).toBe(reranker.provider);
      expect(config.model).toBe(reranker.model);
      const serialized = JSON.stringify(config);
      expect(JSON.parse(serialized)).toEqual(config);
      for (const secret of context.secrets ?? []) expect(serialized).not.toContain(secret);
      if (context.registry) {
        const rebuilt = context.registry.fromConfig(JSON.parse(serialized));
        expect(rebuilt.toConfig()).toEqual(config);
        const again = await rebuilt.rerank(query, documents, { topN: 1 });
        expect(again[0]!.index).toBe(expectedOrder(documents)[0]);
      }
    });
  });
}
