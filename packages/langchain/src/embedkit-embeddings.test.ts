import { ApiCallError, createEmbeddingFunction, type EmbedPurpose } from '@embedkit/core';
import { createOpenAI } from '@embedkit/openai';
import { startOpenAISimulator } from '@embedkit/testing';
import { Embeddings } from '@langchain/core/embeddings';
import { describe, expect, it } from 'vitest';
import { EmbedkitEmbeddings, toLangChain } from './embedkit-embeddings.js';
import { fastRetry, texts } from './langchain.test-helpers.js';

describe('toLangChain: an embedkit function as a LangChain Embeddings', () => {
  it('is a LangChain Embeddings whose caller neither retries nor queues', () => {
    const embeddings = toLangChain(createOpenAI({ apiKeyEnv: 'UNSET_FOR_THIS_TEST' }));
    expect(embeddings).toBeInstanceOf(Embeddings);
    expect(embeddings).toBeInstanceOf(EmbedkitEmbeddings);
    const caller = embeddings.caller as unknown as { maxRetries: number; maxConcurrency: number };
    expect(caller.maxRetries).toBe(0);
    expect(caller.maxConcurrency).toBe(Number.POSITIVE_INFINITY);
  });

  it('maps embedDocuments to encodeDocuments and embedQuery to encodeQueries', async () => {
    const purposes: EmbedPurpose[] = [];
    const embedding = createEmbeddingFunction({
      provider: 'recording',
      model: 'recording',
      dim: 2,
      limits: { maxInputsPerCall: 10, supportsParallelCalls: true, concurrency: 1 },
      settings: {},
      async embedBatch(request) {
        purposes.push(request.purpose);
        return {
          embeddings: request.inputs.map((text, index) => ({
            index,
            vector: Float32Array.of(text.length, request.purpose === 'query' ? 1 : 0),
          })),
        };
      },
    });
    const embeddings = toLangChain(embedding);
    expect(await embeddings.embedDocuments(['abc', 'de'])).toEqual([
      [3, 0],
      [2, 0],
    ]);
    expect(await embeddings.embedQuery('abcd')).toEqual([4, 1]);
    expect(purposes).toEqual(['document', 'query']);
  });

  it('batches a large embedDocuments by the provider caps, in order, with progress', async () => {
    const simulator = await startOpenAISimulator();
    try {
      const seen: number[] = [];
      const embeddings = toLangChain(
        createOpenAI(
          { baseURL: simulator.baseURL, maxInputsPerCall: 16 },
          { apiKey: simulator.apiKey },
        ),
        { onProgress: (progress) => seen.push(progress.done) },
      );
      const inputs = texts(40);
      const vectors = await embeddings.embedDocuments(inputs);
      expect(simulator.stats.requests).toBe(3);
      inputs.forEach((text, index) => {
        expect(vectors[index]).toEqual(
          Array.from(simulator.expectedVector(text, 'text-embedding-3-small')),
        );
      });
      expect(seen.at(-1)).toBe(40);
    } finally {
      await simulator.close();
    }
  });

  it("tries a failing server exactly as many times as core's retry setting says", async () => {
    const simulator = await startOpenAISimulator({ faults: { rates: { serverError: 1 } } });
    try {
      const embeddings = toLangChain(
        createOpenAI(
          { baseURL: simulator.baseURL, retry: { ...fastRetry, maxRetries: 2 } },
          { apiKey: simulator.apiKey },
        ),
      );
      const error = await embeddings.embedDocuments(['a', 'b']).catch((caught) => caught);
      expect(ApiCallError.isInstance(error)).toBe(true);
      // One attempt and two retries; LangChain's default AsyncCaller would have made it 21.
      expect(simulator.stats.requests).toBe(3);
      simulator.resetStats();
      await embeddings.embedQuery('q').catch(() => undefined);
      expect(simulator.stats.requests).toBe(3);
    } finally {
      await simulator.close();
    }
  });
});
