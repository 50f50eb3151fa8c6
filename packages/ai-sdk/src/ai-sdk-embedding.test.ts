import { createCohere } from '@ai-sdk/cohere';
import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import {
  AbortError,
  ApiCallError,
  AuthenticationError,
  InvalidConfigError,
  RateLimitError,
} from '@embedkit/core';
import { cohereSimulatorKey, startCohereSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { fastRetry, openAICompatibleSetup, texts } from './ai-sdk.test-helpers.js';
import { fromAiSdk } from './ai-sdk-embedding.js';

const model = 'text-embedding-3-small';

describe('fromAiSdk over @ai-sdk/openai-compatible and the OpenAI simulator', () => {
  it('batches under maxInputsPerCall and returns the vectors in input order', async () => {
    const { simulator, model: aiModel } = await openAICompatibleSetup();
    try {
      const embedding = fromAiSdk(aiModel, { maxInputsPerCall: 7, dimensions: 1536 });
      const inputs = texts(30);
      const vectors = await embedding.encodeDocuments(inputs);
      const sizes = simulator.log.map((entry) => (entry.body as { input: string[] }).input.length);
      expect(sizes.sort((left, right) => right - left)).toEqual([7, 7, 7, 7, 2]);
      inputs.forEach((text, index) => {
        expect(Array.from(vectors[index]!)).toEqual(
          Array.from(simulator.expectedVector(text, model)),
        );
      });
    } finally {
      await simulator.close();
    }
  });

  it("takes the model's maxEmbeddingsPerCall as the cap and refuses a larger one", async () => {
    const simulator = await startCohereSimulator();
    try {
      const cohere = createCohere({
        baseURL: `${simulator.baseURL}/v2`,
        apiKey: cohereSimulatorKey,
      });
      const embedding = fromAiSdk(cohere.embedding('embed-v4.0'));
      expect(embedding.limits.maxInputsPerCall).toBe(96);
      await embedding.encodeDocuments(texts(200));
      const sizes = simulator.log.map((entry) => (entry.body as { texts: string[] }).texts.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(96);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(200);
      expect(() => fromAiSdk(cohere.embedding('embed-v4.0'), { maxInputsPerCall: 500 })).toThrow(
        InvalidConfigError,
      );
    } finally {
      await simulator.close();
    }
  });

  it('sends the providerOptions of each purpose: documents and queries get their input type', async () => {
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
        },
      });
      await embedding.encodeDocuments(['a passage about bees']);
      await embedding.encodeQueries(['why do bees dance']);
      const inputTypes = simulator.log.map(
        (entry) => (entry.body as { input_type: string }).input_type,
      );
      expect(inputTypes).toEqual(['search_document', 'search_query']);
    } finally {
      await simulator.close();
    }
  });

  it('retries a failing call exactly as its retry setting says, once, with no AI SDK retries underneath', async () => {
    const { simulator, model: aiModel } = await openAICompatibleSetup({
      faults: { rates: { serverError: 1 } },
    });
    try {
      const embedding = fromAiSdk(aiModel, { retry: { ...fastRetry, maxRetries: 2 } });
      const error = await embedding.encodeDocuments(['one text']).catch((caught) => caught);
      expect(ApiCallError.isInstance(error)).toBe(true);
      expect((error as ApiCallError).status).toBe(500);
      expect(simulator.stats.requests).toBe(3);
    } finally {
      await simulator.close();
    }
  });

  it('recovers from transient faults and reports the retries in usage', async () => {
    const { simulator, model: aiModel } = await openAICompatibleSetup();
    try {
      simulator.faults.force('serverError', 1);
      simulator.faults.force('rateLimit', 1);
      simulator.faults.force('wrongCount', 1);
      const embedding = fromAiSdk(aiModel, { retry: fastRetry });
      const result = await embedding.embedWithUsage(texts(3), { purpose: 'document' });
      expect(result.vectors).toHaveLength(3);
      expect(result.usage.retries).toBe(3);
      expect(result.usage.rateLimited).toBe(1);
      expect(simulator.stats.requests).toBe(4);
      // The service billed the short (wrong-count) answer too; usage counts the accepted one.
      expect(result.usage.tokens).toBe(simulator.stats.tokens / 2);
    } finally {
      await simulator.close();
    }
  });

  it("maps the AI SDK's errors to core's typed errors", async () => {
    const { simulator, model: aiModel } = await openAICompatibleSetup({
      clientKey: 'not-the-right-key',
    });
    try {
      const unauthorized = await fromAiSdk(aiModel, { retry: fastRetry })
        .encodeDocuments(['x'])
        .catch((caught) => caught);
      expect(AuthenticationError.isInstance(unauthorized)).toBe(true);
      expect((unauthorized as AuthenticationError).status).toBe(401);
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }

    const rateLimited = await openAICompatibleSetup({ faultRetryAfterMs: 30 });
    try {
      rateLimited.simulator.faults.force('rateLimit', 1);
      const error = await fromAiSdk(rateLimited.model, { retry: { maxRetries: 0 } })
        .encodeDocuments(['x'])
        .catch((caught) => caught);
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).retryAfterMs).toBe(30);
    } finally {
      await rateLimited.simulator.close();
    }

    const badModel = await openAICompatibleSetup();
    try {
      const error = await fromAiSdk(badModel.provider.embeddingModel('no-such-model'), {
        retry: fastRetry,
      })
        .encodeDocuments(['x'])
        .catch((caught) => caught);
      expect(ApiCallError.isInstance(error)).toBe(true);
      expect((error as ApiCallError).isRetryable).toBe(false);
      expect(badModel.simulator.stats.requests).toBe(1);
    } finally {
      await badModel.simulator.close();
    }
  });

  it('retries a refused connection as a transport failure', async () => {
    const { simulator, model: aiModel } = await openAICompatibleSetup();
    await simulator.close();
    const error = await fromAiSdk(aiModel, { retry: { ...fastRetry, maxRetries: 1 } })
      .embedWithUsage(['x'])
      .catch((caught) => caught);
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).status).toBeUndefined();
    expect((error as ApiCallError).isRetryable).toBe(true);
  });

  it('stops a call in flight when aborted', async () => {
    const { simulator, model: aiModel } = await openAICompatibleSetup();
    try {
      simulator.faults.force('stall', 1);
      const controller = new AbortController();
      const pending = fromAiSdk(aiModel).encodeDocuments(['stalls'], {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(new Error('user stopped')), 100);
      const error = await pending.catch((caught) => caught);
      expect(AbortError.isInstance(error)).toBe(true);
    } finally {
      await simulator.close();
    }
  });

  it('paces calls under rateLimit so the service refuses none', async () => {
    const { simulator, model: aiModel } = await openAICompatibleSetup({
      rateLimits: { requestsPerWindow: 3, windowMs: 600 },
    });
    try {
      const embedding = fromAiSdk(aiModel, {
        maxInputsPerCall: 1,
        rateLimit: { requestsPerMinute: 3, windowMs: 650 },
      });
      const result = await embedding.embedWithUsage(texts(7));
      expect(result.vectors).toHaveLength(7);
      expect(simulator.stats.statuses[429] ?? 0).toBe(0);
      expect(result.usage.rateLimited).toBe(0);
    } finally {
      await simulator.close();
    }
  });

  it('describes itself without a key', async () => {
    const { simulator, model: aiModel } = await openAICompatibleSetup();
    try {
      const config = fromAiSdk(aiModel, { dimensions: 1536, concurrency: 2 }).toConfig();
      expect(config).toEqual({
        provider: 'ai-sdk',
        model,
        dim: 1536,
        aiSdkProvider: 'simulated-openai.embedding',
        dimensions: 1536,
        concurrency: 2,
      });
      expect(JSON.stringify(config)).not.toContain(simulator.apiKey!);
    } finally {
      await simulator.close();
    }
  });
});

describe('fromAiSdk concurrency', () => {
  it('runs one call at a time for a model without parallel calls unless concurrency says otherwise', async () => {
    const { simulator, provider } = await openAICompatibleSetup({ latency: { fixedMs: 30 } });
    try {
      const inner = provider.embeddingModel(model);
      const serial: EmbeddingModelV3 = {
        specificationVersion: 'v3' as const,
        provider: 'serial.embedding',
        modelId: model,
        maxEmbeddingsPerCall: 2,
        supportsParallelCalls: false,
        doEmbed: (options) => inner.doEmbed(options),
      };
      await fromAiSdk(serial).encodeDocuments(texts(8));
      expect(simulator.stats.maxInFlight).toBe(1);
      simulator.resetStats();
      await fromAiSdk(serial, { concurrency: 4 }).encodeDocuments(texts(8, 'other'));
      expect(simulator.stats.maxInFlight).toBeGreaterThan(1);
    } finally {
      await simulator.close();
    }
  });
});
