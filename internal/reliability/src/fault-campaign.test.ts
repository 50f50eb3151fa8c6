import { estimateInputTokens, jinaMaxTokensPerCall } from '@embedkit/jina';
import { createMilvusStore } from '@embedkit/milvus';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  campaignDocuments,
  campaignJina,
  documentOf,
  readCollection,
} from './campaign.test-helpers.js';
import { campaignFaults, type FaultyJina, startFaultyJina } from './faulty-jina.test-helpers.js';

const documentCount = 5000;
const batchSize = 50;

describe('fault campaign: 5,000 documents through a faulty Jina into Milvus Lite', () => {
  let jina: FaultyJina;
  const address = inject('milvusAddress');
  const collection = `fault_campaign_${process.pid}`;
  const texts = campaignDocuments(documentCount).map((chunks) => chunks[0]!);

  beforeAll(async () => {
    // Seed 27 draws at least two of every fault kind within the first 110 requests.
    jina = await startFaultyJina({ faults: campaignFaults, seed: 27 });
    const store = createMilvusStore({
      embedding: campaignJina(jina.baseURL, jina.apiKey),
      address,
      collection,
      fullText: false,
    });
    try {
      await store.addDocuments(
        texts.map((text, index) => ({ id: `doc-${index}`, text })),
        { batchSize },
      );
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await jina?.close();
  });

  it('injected every kind of fault the campaign asks for', () => {
    const { injected } = jina;
    expect(injected.rateLimitWithRetryAfter).toBeGreaterThan(0);
    expect(injected.rateLimitWithoutRetryAfter).toBeGreaterThan(0);
    expect(injected.serviceUnavailable).toBeGreaterThan(0);
    expect(injected.connectionReset).toBeGreaterThan(0);
    expect(injected.stall).toBeGreaterThan(0);
  });

  it('stores every document exactly once, each with the vector of a fault-free run', async () => {
    const stored = await readCollection(address, collection);
    expect(stored.rows).toBe(documentCount);
    expect(stored.size).toBe(documentCount);

    const reference = await campaignJina(jina.simulator.baseURL, jina.apiKey, {
      timeoutMs: 30_000,
    }).encodeDocuments(texts);
    const differing = texts
      .map((_, index) => index)
      .filter((index) => {
        const vector = stored.get(`doc-${index}`);
        return !vector?.every((value, position) => value === reference[index]![position]);
      });
    expect(differing).toEqual([]);
  });

  it('sent no request larger than the limits, and every document was answered', () => {
    const answered = new Set<number>();
    for (const entry of jina.front.log) {
      const inputs = (entry.body as { input: string[] }).input;
      expect(inputs.length).toBeLessThanOrEqual(2048);
      const tokens = inputs.reduce((sum, input) => sum + estimateInputTokens(input), 0);
      expect(tokens).toBeLessThanOrEqual(jinaMaxTokensPerCall);
      if (entry.status === 200) for (const input of inputs) answered.add(documentOf(input));
    }
    expect(answered.size).toBe(documentCount);
  });

  it('retried only retryable failures: every request is a success or an injected fault', () => {
    const statuses = Object.keys(jina.front.stats.statuses).map(Number);
    expect(statuses.every((status) => status === 200 || status === 429 || status === 503)).toBe(
      true,
    );
    const { injected } = jina;
    const faults =
      injected.rateLimitWithRetryAfter +
      injected.rateLimitWithoutRetryAfter +
      injected.serviceUnavailable +
      injected.connectionReset +
      injected.stall;
    expect(jina.front.stats.requests).toBe(injected.answered + injected.abandoned + faults);
  });
});
