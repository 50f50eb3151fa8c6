import {
  ApiCallError,
  AuthenticationError,
  RateLimitError,
  ResponseFormatError,
} from '@embedkit/core';
import { type OpenAISimulator, openaiSimulatorKey, startOpenAISimulator } from '@embedkit/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fastRetry, openaiWith } from './openai.test-helpers.js';
import { createOpenAI } from './openai-embedding.js';
import type { OpenAIRuntimeOptions, OpenAISettings } from './openai-settings.js';

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator({
    models: { 'fixed-local': { dim: 16, acceptsDimensions: false, maxTokensPerInput: 512 } },
  });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.resetStats());
afterEach(() => {
  simulator.setQuotaExhausted(false);
  vi.unstubAllEnvs();
});

const embedding = (overrides: OpenAISettings & OpenAIRuntimeOptions = {}) =>
  openaiWith({
    baseURL: simulator.baseURL,
    apiKey: openaiSimulatorKey,
    dimensions: 8,
    retry: fastRetry,
    ...overrides,
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => error as ApiCallError,
  );

describe('recovering from what retrying fixes', () => {
  it('waits out a 429 (retry-after-ms) and a 500, then succeeds', async () => {
    simulator.faults.force('rateLimit');
    simulator.faults.force('serverError');
    const result = await embedding().embedWithUsage(['a', 'b']);
    expect(result.vectors).toHaveLength(2);
    expect(result.usage).toMatchObject({ retries: 2, rateLimited: 1, calls: 1 });
    expect(simulator.stats.statuses).toEqual({ 429: 1, 500: 1, 200: 1 });
  });

  it('recovers from connection resets, truncated bodies and gateway pages', async () => {
    simulator.faults.force('connectionReset');
    simulator.faults.force('truncatedBody');
    simulator.faults.force('nonJsonBody');
    const vectors = await embedding().encodeDocuments(['a']);
    expect(vectors).toHaveLength(1);
    expect(simulator.stats.requests).toBe(4);
  });

  it('honours x-ratelimit-reset-* when the 429 carries no retry-after', async () => {
    const limited = await startOpenAISimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 300 },
      retryAfter: 'none',
    });
    try {
      const client = embedding({
        baseURL: limited.baseURL,
        concurrency: 1,
        maxInputsPerCall: 1,
        retry: { ...fastRetry, baseDelayMs: 1, maxDelayMs: 2 },
        maxRetries: 1,
      });
      const result = await client.embedWithUsage(['first', 'second']);
      expect(result.vectors).toHaveLength(2);
      expect(result.usage.rateLimited).toBe(1);
      expect(limited.stats.statuses).toEqual({ 200: 2, 429: 1 });
    } finally {
      await limited.close();
    }
  });

  it('times out a stalled call and retries it', async () => {
    simulator.faults.force('stall');
    const result = await embedding({ timeoutMs: 200 }).embedWithUsage(['a']);
    expect(result.vectors).toHaveLength(1);
    expect(result.usage.retries).toBe(1);
  });

  it('backs off when the service limits concurrent requests, losing nothing', async () => {
    const busy = await startOpenAISimulator({
      rateLimits: { concurrentRequests: 2, windowMs: 200 },
      latency: { fixedMs: 20 },
    });
    try {
      const inputs = Array.from({ length: 16 }, (_, index) => `input ${index}`);
      const client = embedding({ baseURL: busy.baseURL, concurrency: 8, maxInputsPerCall: 1 });
      const result = await client.embedWithUsage(inputs);
      expect(result.usage.rateLimited).toBeGreaterThan(0);
      expect(Array.from(result.vectors[15]!)).toEqual(
        Array.from(busy.expectedVector('input 15', 'text-embedding-3-small', 8)),
      );
      expect(busy.stats.statuses[200]).toBe(16);
    } finally {
      await busy.close();
    }
  });

  it('gives up on persistent 429s with a RateLimitError', async () => {
    simulator.faults.force('rateLimit', 3);
    const error = await failure(embedding({ maxRetries: 2 }).embed(['a']));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.providerCode).toBe('rate_limit_exceeded');
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(simulator.stats.requests).toBe(3);
  });

  it('refuses a response with a missing vector', async () => {
    simulator.faults.force('wrongCount', 2);
    const error = await failure(embedding({ maxRetries: 1 }).embed(['a', 'b']));
    expect(ResponseFormatError.isInstance(error)).toBe(true);
  });
});

describe('failing at once when retrying cannot help', () => {
  it('400 for a parameter the model does not take: one request, the service message', async () => {
    const error = await failure(
      embedding({ model: 'fixed-local', dimensions: 8, sendDimensions: true }).embed(['a']),
    );
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect(error.status).toBe(400);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('This model does not support specifying dimensions');
    expect(simulator.stats.requests).toBe(1);
  });

  it('404 for a model the server does not have, naming it', async () => {
    const error = await failure(embedding({ model: 'future-model', dimensions: 8 }).embed(['a']));
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect(error.status).toBe(404);
    expect(error.message).toContain('future-model');
    expect(simulator.stats.requests).toBe(1);
  });

  it('401 for a wrong key, never echoing the key', async () => {
    const leaky = await startOpenAISimulator({ leakKeyInErrors: true });
    try {
      const secret = 'custom-secret-that-is-not-sk-shaped-91c2';
      const client = createOpenAI({ baseURL: leaky.baseURL, retry: fastRetry }, { apiKey: secret });
      const error = await failure(client.embed(['a']));
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect(error.providerCode).toBe('invalid_api_key');
      expect(leaky.stats.requests).toBe(1);
      const everything = `${error.message} ${error.bodyExcerpt} ${JSON.stringify(client.toConfig())}`;
      expect(everything).toContain('Incorrect API key provided: [redacted]');
      expect(everything).not.toContain(secret);
    } finally {
      await leaky.close();
    }
  });

  it('429 insufficient_quota is not retried', async () => {
    simulator.setQuotaExhausted(true);
    const error = await failure(embedding().embed(['a']));
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(error)).toBe(false);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('billing');
    expect(simulator.stats.requests).toBe(1);
  });

  it('a missing key fails before anything is sent, naming the variable', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const client = createOpenAI({ dimensions: 8 });
    const error = await failure(client.embed(['a']));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain('OPENAI_API_KEY');

    vi.stubEnv('OPENAI_API_KEY', openaiSimulatorKey);
    const fromEnvironment = createOpenAI({
      baseURL: simulator.baseURL,
      apiKeyEnv: 'OPENAI_API_KEY',
    });
    expect(await fromEnvironment.embed(['a'])).toHaveLength(1);
    expect(simulator.stats.requests).toBe(1);
  });
});
