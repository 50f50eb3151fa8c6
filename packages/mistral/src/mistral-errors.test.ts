import { ApiCallError, ResponseFormatError } from '@embedkit/core';
import { startMistralSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { mapMistralError } from './mistral-error-mapping.js';
import { mistralAt } from './simulator.test-helpers.js';

const catchError = (promise: Promise<unknown>) => promise.catch((caught: unknown) => caught);

describe('mistral errors', () => {
  it('an unknown model is refused naming it, not retried', async () => {
    const simulator = await startMistralSimulator();
    try {
      const error = await catchError(
        mistralAt(simulator, { model: 'mistral-embed-9' }).encodeDocuments(['x']),
      );
      expect(ApiCallError.isInstance(error)).toBe(true);
      expect((error as ApiCallError).isRetryable).toBe(false);
      expect((error as Error).message).toContain('"mistral-embed-9" is an embedding model');
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('503, resets and cut-off bodies are retried; a short answer is refused', async () => {
    const simulator = await startMistralSimulator();
    try {
      simulator.faults.force('serverError');
      simulator.faults.force('connectionReset');
      simulator.faults.force('truncatedBody');
      expect(await mistralAt(simulator).encodeDocuments(['a', 'b'])).toHaveLength(2);
      expect(simulator.stats.requests).toBe(4);
      simulator.faults.setRates({ wrongCount: 1 });
      const error = await catchError(
        mistralAt(simulator, { retry: { maxRetries: 1, baseDelayMs: 1 } }).encodeDocuments([
          'a',
          'b',
        ]),
      );
      expect(ResponseFormatError.isInstance(error)).toBe(true);
    } finally {
      await simulator.close();
    }
  });

  it('a 422 lists every refused field, not retried', () => {
    const body = {
      object: 'error',
      message: {
        detail: [
          {
            type: 'extra_forbidden',
            loc: ['body', 'dimensions'],
            msg: 'Extra inputs are not permitted',
            input: 5,
          },
        ],
      },
      type: 'invalid_request_error',
      param: null,
      code: null,
    };
    const error = mapMistralError(
      { status: 422, message: '[object]', body, bodyExcerpt: '', headers: {} },
      { model: 'mistral-embed', authHint: '' },
    );
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('body.dimensions: Extra inputs are not permitted');
  });
});
