import { createCohere } from '@ai-sdk/cohere';
import { AbortError, ApiCallError, AuthenticationError } from '@embedkit/core';
import { cohereSimulatorKey, startCohereSimulator } from '@embedkit/testing';
import { embed, embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import { fastRetry, openAICompatibleSetup, texts } from './ai-sdk.test-helpers.js';
import { fromAiSdk } from './ai-sdk-embedding.js';
import { toAiSdk } from './embedkit-embedding-model.js';

const modelId = 'text-embedding-3-small';

describe('toAiSdk with the real embed / embedMany', () => {
  it("embedMany hands all values to embedkit, which batches under the provider's cap, in order, with usage", async () => {
    const { simulator, model } = await openAICompatibleSetup();
    try {
      const embedding = fromAiSdk(model, { maxInputsPerCall: 8 });
      const values = texts(50);
      const result = await embedMany({ model: toAiSdk(embedding), values });
      expect(simulator.stats.requests).toBe(7);
      values.forEach((text, index) => {
        expect(result.embeddings[index]).toEqual(
          Array.from(simulator.expectedVector(text, modelId)),
        );
      });
      expect(result.usage.tokens).toBe(simulator.stats.tokens);
      expect(result.providerMetadata?.embedkit).toEqual({ calls: 7, retries: 0, rateLimited: 0 });
    } finally {
      await simulator.close();
    }
  });

  it("tries a failing server exactly as embedkit's retry says, never again for embedMany's maxRetries", async () => {
    const { simulator, model } = await openAICompatibleSetup({
      faults: { rates: { serverError: 1 } },
    });
    try {
      const embedding = fromAiSdk(model, { retry: { ...fastRetry, maxRetries: 2 } });
      const error = await embedMany({
        model: toAiSdk(embedding),
        values: ['a', 'b'],
        maxRetries: 4,
      }).catch((caught) => caught);
      expect(ApiCallError.isInstance(error)).toBe(true);
      // 1 attempt + 2 embedkit retries; embedMany's 4 retries would have made it 15.
      expect(simulator.stats.requests).toBe(3);
    } finally {
      await simulator.close();
    }
  });

  it("hands embedkit's typed errors through embed unchanged", async () => {
    const { simulator, model } = await openAICompatibleSetup({ clientKey: 'wrong-key' });
    try {
      const error = await embed({
        model: toAiSdk(fromAiSdk(model)),
        value: 'x',
      }).catch((caught) => caught);
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('picks the encode method from the purpose option or providerOptions.embedkit', async () => {
    const simulator = await startCohereSimulator();
    try {
      const cohere = createCohere({
        baseURL: `${simulator.baseURL}/v2`,
        apiKey: cohereSimulatorKey,
      });
      const embedding = fromAiSdk(cohere.embedding('embed-v4.0'), {
        providerOptions: {
          document: { cohere: { inputType: 'search_document' } },
          query: { cohere: { inputType: 'search_query' } },
          default: { cohere: { inputType: 'clustering' } },
        },
      });
      const documents = toAiSdk(embedding, { purpose: 'document' });
      await embedMany({ model: documents, values: ['a passage'] });
      await embed({
        model: documents,
        value: 'a question',
        providerOptions: { embedkit: { purpose: 'query' } },
      });
      await embed({ model: toAiSdk(embedding), value: 'plain' });
      const inputTypes = simulator.log.map(
        (entry) => (entry.body as { input_type: string }).input_type,
      );
      expect(inputTypes).toEqual(['search_document', 'search_query', 'clustering']);
    } finally {
      await simulator.close();
    }
  });

  it("stops embedkit's calls when embedMany's abortSignal fires", async () => {
    const { simulator, model } = await openAICompatibleSetup();
    try {
      simulator.faults.force('stall', 1);
      const controller = new AbortController();
      const pending = embedMany({
        model: toAiSdk(fromAiSdk(model)),
        values: ['stalls'],
        abortSignal: controller.signal,
      });
      setTimeout(() => controller.abort(new Error('user stopped')), 100);
      const error = await pending.catch((caught) => caught);
      expect(AbortError.isInstance(error)).toBe(true);
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('reports progress through onProgress', async () => {
    const { simulator, model } = await openAICompatibleSetup();
    try {
      const seen: number[] = [];
      const wrapped = toAiSdk(fromAiSdk(model, { maxInputsPerCall: 2, concurrency: 1 }), {
        onProgress: (progress) => seen.push(progress.done),
      });
      await embedMany({ model: wrapped, values: texts(5) });
      expect(seen).toEqual([2, 4, 5]);
    } finally {
      await simulator.close();
    }
  });
});
