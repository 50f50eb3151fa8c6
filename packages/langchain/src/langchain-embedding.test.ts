import {
  ApiCallError,
  AuthenticationError,
  InvalidConfigError,
  RateLimitError,
} from '@embedkit/core';
import { OpenAIEmbeddings } from '@langchain/openai';
import { describe, expect, it } from 'vitest';
import { fastRetry, openAIEmbeddingsSetup, texts } from './langchain.test-helpers.js';
import { fromLangChain } from './langchain-embedding.js';

const model = 'text-embedding-3-small';
const inputCounts = (log: readonly { body: unknown }[]) =>
  log.map((entry) => (entry.body as { input: string[] }).input.length);

describe('fromLangChain over OpenAIEmbeddings and the OpenAI simulator', () => {
  it("sends one request per batch, sized by the object's batchSize, and keeps input order", async () => {
    const { simulator, embeddings } = await openAIEmbeddingsSetup({ batchSize: 8 });
    try {
      const embedding = fromLangChain(embeddings);
      expect(embedding.limits.maxInputsPerCall).toBe(8);
      expect(embedding.model).toBe(model);
      const inputs = texts(30);
      const vectors = await embedding.encodeDocuments(inputs);
      expect(inputCounts(simulator.log).sort((left, right) => right - left)).toEqual([8, 8, 8, 6]);
      inputs.forEach((text, index) => {
        expect(Array.from(vectors[index]!)).toEqual(
          Array.from(simulator.expectedVector(text, model)),
        );
      });
    } finally {
      await simulator.close();
    }
  });

  it('refuses an Embeddings that would retry inside every embedkit attempt', () => {
    const embeddings = new OpenAIEmbeddings({
      model,
      apiKey: 'unused',
      configuration: { baseURL: 'http://127.0.0.1:9/v1' },
    });
    const error = (() => {
      try {
        fromLangChain(embeddings);
      } catch (caught) {
        return caught;
      }
    })();
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('maxRetries: 0');
    expect((error as Error).message).toContain('6 times');
  });

  it("tries a failing server exactly as many times as embedkit's retry setting says", async () => {
    const { simulator, embeddings } = await openAIEmbeddingsSetup({
      faults: { rates: { serverError: 1 } },
    });
    try {
      const embedding = fromLangChain(embeddings, { retry: { ...fastRetry, maxRetries: 3 } });
      const error = await embedding.encodeDocuments(['one text']).catch((caught) => caught);
      expect(ApiCallError.isInstance(error)).toBe(true);
      expect((error as ApiCallError).status).toBe(500);
      expect(simulator.stats.requests).toBe(4);
    } finally {
      await simulator.close();
    }
  });

  it("maps the client's errors to core's typed errors", async () => {
    const unauthorized = await openAIEmbeddingsSetup({ clientKey: 'wrong-key' });
    try {
      const error = await fromLangChain(unauthorized.embeddings, { retry: fastRetry })
        .encodeDocuments(['x'])
        .catch((caught) => caught);
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect(unauthorized.simulator.stats.requests).toBe(1);
    } finally {
      await unauthorized.simulator.close();
    }

    const limited = await openAIEmbeddingsSetup({ faultRetryAfterMs: 40 });
    try {
      limited.simulator.faults.force('rateLimit', 1);
      const error = await fromLangChain(limited.embeddings, { retry: { maxRetries: 0 } })
        .encodeDocuments(['x'])
        .catch((caught) => caught);
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).retryAfterMs).toBe(40);
    } finally {
      await limited.simulator.close();
    }

    const refused = await openAIEmbeddingsSetup();
    await refused.simulator.close();
    const error = await fromLangChain(refused.embeddings, {
      retry: { ...fastRetry, maxRetries: 1 },
    })
      .encodeDocuments(['x'])
      .catch((caught) => caught);
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).isRetryable).toBe(true);
  });

  it('recovers from a 429 and a 500, and reports the retries', async () => {
    const { simulator, embeddings } = await openAIEmbeddingsSetup();
    try {
      simulator.faults.force('rateLimit', 1);
      simulator.faults.force('serverError', 1);
      const result = await fromLangChain(embeddings, { retry: fastRetry }).embedWithUsage(
        texts(4),
        { purpose: 'document' },
      );
      expect(result.vectors).toHaveLength(4);
      expect(result.usage.retries).toBe(2);
      expect(result.usage.rateLimited).toBe(1);
      expect(simulator.stats.requests).toBe(3);
    } finally {
      await simulator.close();
    }
  });

  it('embeds queries with embedQuery, one request per query, within concurrency', async () => {
    const { simulator, embeddings } = await openAIEmbeddingsSetup({
      rateLimits: { concurrentRequests: 2 },
      latency: { fixedMs: 20 },
    });
    try {
      const queries = ['first question', 'second question', 'third question', 'fourth', 'fifth'];
      const vectors = await fromLangChain(embeddings, { concurrency: 2 }).encodeQueries(queries);
      // The service allows two requests in flight; a third at once would have met a 429.
      expect(simulator.stats.statuses[429] ?? 0).toBe(0);
      // embedQuery sends one string as `input`.
      const sent = simulator.log.map((entry) => (entry.body as { input: unknown }).input);
      expect(sent.sort()).toEqual([...queries].sort());
      queries.forEach((text, index) => {
        expect(Array.from(vectors[index]!)).toEqual(
          Array.from(simulator.expectedVector(text, model)),
        );
      });
    } finally {
      await simulator.close();
    }
  });

  it('paces calls under rateLimit so the service refuses none', async () => {
    const { simulator, embeddings } = await openAIEmbeddingsSetup({
      rateLimits: { requestsPerWindow: 3, windowMs: 600 },
    });
    try {
      const embedding = fromLangChain(embeddings, {
        maxInputsPerCall: 1,
        rateLimit: { requestsPerMinute: 3, windowMs: 650 },
      });
      const result = await embedding.embedWithUsage(texts(7));
      expect(result.vectors).toHaveLength(7);
      expect(simulator.stats.statuses[429] ?? 0).toBe(0);
    } finally {
      await simulator.close();
    }
  });

  it('describes itself without a key', async () => {
    const { simulator, embeddings } = await openAIEmbeddingsSetup();
    try {
      const config = fromLangChain(embeddings, { name: 'small', dimensions: 1536 }).toConfig();
      expect(config).toEqual({
        provider: 'langchain',
        model: 'small',
        dim: 1536,
        name: 'small',
        langchainClass: 'OpenAIEmbeddings',
        dimensions: 1536,
      });
      expect(JSON.stringify(config)).not.toContain(simulator.apiKey!);
    } finally {
      await simulator.close();
    }
  });
});
