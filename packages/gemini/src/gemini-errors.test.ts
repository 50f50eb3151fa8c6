import { ApiCallError, ResponseFormatError } from '@embedkit/core';
import { startGeminiSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { mapGeminiError, retryDelayMs } from './gemini-error-mapping.js';
import { geminiAt } from './simulator.test-helpers.js';

const catchError = (promise: Promise<unknown>) => promise.catch((caught: unknown) => caught);

describe('gemini errors', () => {
  it('an unknown model is a 404 naming it, not retried', async () => {
    const simulator = await startGeminiSimulator();
    try {
      const error = await catchError(
        geminiAt(simulator, { model: 'gemini-embedding-009' }).encodeDocuments(['x']),
      );
      expect(ApiCallError.isInstance(error)).toBe(true);
      expect((error as ApiCallError).isRetryable).toBe(false);
      expect((error as ApiCallError).providerCode).toBe('NOT_FOUND');
      expect((error as Error).message).toContain('"gemini-embedding-009" is an embedding model');
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('503 UNAVAILABLE, resets and cut-off bodies are retried until they succeed', async () => {
    const simulator = await startGeminiSimulator();
    try {
      simulator.faults.force('serverError');
      simulator.faults.force('connectionReset');
      simulator.faults.force('truncatedBody');
      const vectors = await geminiAt(simulator, { dimensions: 128 }).encodeDocuments(['a', 'b']);
      expect(vectors).toHaveLength(2);
      expect(simulator.stats.requests).toBe(4);
    } finally {
      await simulator.close();
    }
  });

  it('an answer with one embedding too few is refused, never accepted silently', async () => {
    const simulator = await startGeminiSimulator();
    try {
      simulator.faults.setRates({ wrongCount: 1 });
      const error = await catchError(
        geminiAt(simulator, {
          dimensions: 128,
          retry: { maxRetries: 1, baseDelayMs: 1 },
        }).encodeDocuments(['a', 'b']),
      );
      expect(ResponseFormatError.isInstance(error)).toBe(true);
    } finally {
      await simulator.close();
    }
  });

  it('a per-day quota 429 is not retried; retryDelay parses protobuf durations', () => {
    const body = {
      error: {
        code: 429,
        message: 'You exceeded your current quota.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaId: 'EmbedContentRequestsPerDayPerProjectPerModel-FreeTier' }],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '45.837906927s' },
        ],
      },
    };
    const error = mapGeminiError(
      { status: 429, message: body.error.message, body, bodyExcerpt: '', headers: {} },
      { model: 'gemini-embedding-001', authHint: '' },
    );
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('per-day quota');
    expect(retryDelayMs({ details: body.error.details })).toBe(45_838);
    expect(
      retryDelayMs({
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.RetryInfo',
            retryDelay: { seconds: 2, nanos: 500_000_000 },
          },
        ],
      }),
    ).toBe(2500);
  });
});
