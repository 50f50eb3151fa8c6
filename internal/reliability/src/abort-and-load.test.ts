import { AbortError } from '@embedkit/core';
import { createMilvusStore } from '@embedkit/milvus';
import { type JinaSimulator, startJinaSimulator } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { campaignDocuments, campaignJina } from './campaign.test-helpers.js';
import { waitFor } from './cli-process.test-helpers.js';

describe('abort and load', () => {
  let simulator: JinaSimulator;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    simulator = await startJinaSimulator({ latency: { fixedMs: 3000 } });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await simulator?.close();
  });

  it('aborting a 10,000-input embed closes every connection within a second, with no unhandled rejection', async () => {
    const texts = campaignDocuments(10_000).map((chunks) => chunks[0]!);
    const embedding = campaignJina(simulator.baseURL, simulator.apiKey, {
      concurrency: 5,
      timeoutMs: 30_000,
    });
    const controller = new AbortController();
    const embedded = embedding.embed(texts, { signal: controller.signal });
    embedded.catch(() => {});
    // Every call is in flight (and none has finished) when the abort comes.
    await waitFor(() => simulator.stats.inFlight === 5);
    expect(simulator.stats.openConnections).toBe(5);

    controller.abort(new Error('user pressed Ctrl-C'));
    const error = await embedded.catch((caught: unknown) => caught);
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as AbortError).message).toMatch(/aborted after 0 of 10000 inputs/);
    await waitFor(() => simulator.stats.openConnections === 0, 1000);
    expect(simulator.stats.inFlight).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled).toEqual([]);
  });

  it('fifty concurrent searches against Milvus Lite all succeed', async () => {
    const fast = await startJinaSimulator();
    const texts = campaignDocuments(200, 1, 41).map((chunks) => chunks[0]!);
    const store = createMilvusStore({
      embedding: campaignJina(fast.baseURL, fast.apiKey),
      address: inject('milvusAddress'),
      collection: `concurrent_search_${process.pid}`,
    });
    try {
      await store.addDocuments(texts.map((text, index) => ({ id: `doc-${index}`, text })));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) => store.search(texts[index]!, { topK: 5 })),
      );
      expect(results.map((hits) => hits.length)).toEqual(Array(50).fill(5));
      expect(results.map((hits) => hits[0]!.id)).toEqual(
        Array.from({ length: 50 }, (_, index) => `doc-${index}`),
      );
    } finally {
      await store.close();
      await fast.close();
    }
  });
});
