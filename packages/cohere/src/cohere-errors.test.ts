import { ApiCallError, AuthenticationError, ResponseFormatError } from '@embedkit/core';
import { startCohereSimulator } from '@embedkit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catchError, cohereAt, fastRetry, useCohereSimulator } from './cohere.test-helpers.js';
import { createCohere } from './cohere-embedding.js';

const simulator = useCohereSimulator();
beforeEach(() => simulator.current.resetStats());
afterEach(() => {
  delete process.env.EMBEDKIT_COHERE_SENTINEL;
  vi.restoreAllMocks();
});

describe('cohere errors', () => {
  it('401 for a wrong key: AuthenticationError naming the variable, not retried', async () => {
    const error = await catchError(
      cohereAt(simulator.current, { apiKey: 'wrong-key-0000' }).encodeDocuments(['a']),
    );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('invalid api token');
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('no key at all: AuthenticationError naming COHERE_API_KEY before anything is sent', async () => {
    const previous = { cohere: process.env.COHERE_API_KEY, co: process.env.CO_API_KEY };
    delete process.env.COHERE_API_KEY;
    delete process.env.CO_API_KEY;
    try {
      const embedding = createCohere({ baseURL: simulator.current.baseURL });
      const error = await catchError(embedding.encodeDocuments(['a']));
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('COHERE_API_KEY');
      expect(simulator.current.stats.requests).toBe(0);
    } finally {
      if (previous.cohere !== undefined) process.env.COHERE_API_KEY = previous.cohere;
      if (previous.co !== undefined) process.env.CO_API_KEY = previous.co;
    }
  });

  it('404 for an unknown model says to check the id, with the request id, not retried', async () => {
    const error = await catchError(
      cohereAt(simulator.current, { model: 'embed-v9.0' }).encodeDocuments(['a']),
    );
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).isRetryable).toBe(false);
    expect((error as Error).message).toMatch(
      /cohere answered 404 for embed-v9\.0: model 'embed-v9\.0' not found/,
    );
    expect((error as ApiCallError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('an unknown model gets only configured fields and learns its dim from the first answer', async () => {
    const preview = await startCohereSimulator({
      models: { 'embed-v5.0-preview': { dim: 48, maxTokensPerInput: 512 } },
    });
    try {
      const embedding = cohereAt(preview, { model: 'embed-v5.0-preview' });
      expect(embedding.dim).toBe(0);
      expect(await embedding.resolveDim()).toBe(48);
      expect(Object.keys(preview.embedBodies()[0]!).sort()).toEqual([
        'embedding_types',
        'input_type',
        'model',
        'texts',
      ]);
    } finally {
      await preview.close();
    }
  });

  it('a wrong count or a cut-off body is a ResponseFormatError / retried, never accepted silently', async () => {
    simulator.current.faults.force('wrongCount', 1);
    const error = await catchError(
      cohereAt(simulator.current, { dimensions: 256, retry: { maxRetries: 0 } }).encodeDocuments([
        'a',
        'b',
      ]),
    );
    expect(ResponseFormatError.isInstance(error)).toBe(true);
    simulator.current.faults.force('truncatedBody', 1);
    simulator.current.faults.force('connectionReset', 1);
    const vectors = await cohereAt(simulator.current, { dimensions: 256 }).encodeDocuments([
      'a',
      'b',
    ]);
    expect(vectors).toHaveLength(2);
  });
});

describe('the API key never leaks', () => {
  const sentinel = 'sentinel-cohere-key-5f1c0d9e2a7b';

  it('stays out of errors, toConfig(), stored space and logs, even when the server echoes it', async () => {
    const echoing = await startCohereSimulator({ apiKey: 'the-real-key', leakKeyInErrors: true });
    const written: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...parts: unknown[]) => {
        written.push(parts.map(String).join(' '));
      });
    }
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
    try {
      process.env.EMBEDKIT_COHERE_SENTINEL = sentinel;
      const fromEnv = createCohere({
        baseURL: echoing.baseURL,
        apiKeyEnv: 'EMBEDKIT_COHERE_SENTINEL',
        retry: fastRetry,
      });
      const literal = createCohere(
        { baseURL: echoing.baseURL, retry: fastRetry },
        { apiKey: sentinel },
      );
      for (const embedding of [fromEnv, literal]) {
        const error = await catchError(embedding.encodeDocuments(['a']));
        expect(AuthenticationError.isInstance(error)).toBe(true);
        const everything = JSON.stringify({
          message: (error as Error).message,
          stack: (error as Error).stack,
          ...(error as object),
          config: embedding.toConfig(),
          space: embedding.space,
        });
        expect(everything).toContain('invalid api token');
        expect(everything).not.toContain(sentinel);
      }
      expect(echoing.log.map((entry) => entry.headers.authorization)).toEqual([
        `Bearer ${sentinel}`,
        `Bearer ${sentinel}`,
      ]);
      expect(written.join('\n')).not.toContain(sentinel);
    } finally {
      stderr.mockRestore();
      await echoing.close();
    }
  });

  it('is read lazily: a function built before the variable is set uses it at the first call', async () => {
    const embedding = createCohere({
      baseURL: simulator.current.baseURL,
      apiKeyEnv: 'EMBEDKIT_COHERE_SENTINEL',
      dimensions: 256,
    });
    const missing = await catchError(embedding.encodeDocuments(['a']));
    expect((missing as Error).message).toContain('EMBEDKIT_COHERE_SENTINEL');
    expect(simulator.current.stats.requests).toBe(0);
    process.env.EMBEDKIT_COHERE_SENTINEL = simulator.current.apiKey;
    expect(await embedding.encodeDocuments(['a'])).toHaveLength(1);
    expect(simulator.current.log[0]!.headers.authorization).toBe(
      `Bearer ${simulator.current.apiKey}`,
    );
    expect(embedding.toConfig()).toMatchObject({ apiKeyEnv: 'EMBEDKIT_COHERE_SENTINEL' });
  });

  it('falls back to COHERE_API_KEY, then CO_API_KEY', async () => {
    const previous = { cohere: process.env.COHERE_API_KEY, co: process.env.CO_API_KEY };
    try {
      delete process.env.COHERE_API_KEY;
      process.env.CO_API_KEY = simulator.current.apiKey;
      const embedding = createCohere({ baseURL: simulator.current.baseURL, dimensions: 256 });
      expect(await embedding.encodeDocuments(['a'])).toHaveLength(1);
      process.env.COHERE_API_KEY = 'cohere-wins-over-co';
      const error = await catchError(embedding.encodeDocuments(['a']));
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect(simulator.current.log.map((entry) => entry.headers.authorization)).toEqual([
        `Bearer ${simulator.current.apiKey}`,
        'Bearer cohere-wins-over-co',
      ]);
    } finally {
      if (previous.cohere === undefined) delete process.env.COHERE_API_KEY;
      else process.env.COHERE_API_KEY = previous.cohere;
      if (previous.co === undefined) delete process.env.CO_API_KEY;
      else process.env.CO_API_KEY = previous.co;
    }
  });
});
