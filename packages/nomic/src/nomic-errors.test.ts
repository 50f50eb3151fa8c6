import { ApiCallError, AuthenticationError, ResponseFormatError } from '@embedkit/core';
import { startNomicSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { nomicAt } from './simulator.test-helpers.js';

const catchError = (promise: Promise<unknown>) => promise.catch((caught: unknown) => caught);

describe('nomic errors', () => {
  it('an unknown model is a 422 listing the field, not retried', async () => {
    const simulator = await startNomicSimulator();
    try {
      const error = await catchError(
        nomicAt(simulator, { model: 'nomic-embed-text-v9' }).encodeDocuments(['x']),
      );
      expect(ApiCallError.isInstance(error)).toBe(true);
      expect((error as ApiCallError).status).toBe(422);
      expect((error as ApiCallError).isRetryable).toBe(false);
      expect((error as Error).message).toContain('body.model');
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('a wrong key is an AuthenticationError naming NOMIC_API_KEY', async () => {
    const simulator = await startNomicSimulator();
    try {
      const error = await catchError(
        nomicAt(simulator, { apiKey: 'nk-wrong-key' }).encodeDocuments(['x']),
      );
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('Invalid API key');
    } finally {
      await simulator.close();
    }
  });

  it('500s, resets and cut-off bodies are retried; a short answer is refused', async () => {
    const simulator = await startNomicSimulator();
    try {
      simulator.faults.force('serverError');
      simulator.faults.force('connectionReset');
      simulator.faults.force('truncatedBody');
      expect(await nomicAt(simulator).encodeDocuments(['a', 'b'])).toHaveLength(2);
      expect(simulator.stats.requests).toBe(4);
      simulator.faults.setRates({ wrongCount: 1 });
      const error = await catchError(
        nomicAt(simulator, { retry: { maxRetries: 1, baseDelayMs: 1 } }).encodeDocuments([
          'a',
          'b',
        ]),
      );
      expect(ResponseFormatError.isInstance(error)).toBe(true);
    } finally {
      await simulator.close();
    }
  });
});
