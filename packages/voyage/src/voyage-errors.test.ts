import { ApiCallError, AuthenticationError, ResponseFormatError } from '@embedkit/core';
import { startVoyageSimulator } from '@embedkit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catchError, fastRetry, useVoyageSimulator, voyageAt } from './voyage.test-helpers.js';
import { createVoyage } from './voyage-embedding.js';

const simulator = useVoyageSimulator();
beforeEach(() => simulator.current.resetStats());
afterEach(() => {
  delete process.env.EMBEDKIT_COHERE_SENTINEL;
  vi.restoreAllMocks();
});

describe('voyage errors', () => {
  it('401 for a wrong key: AuthenticationError naming the variable, not retried', async () => {
    const error = await catchError(
      voyageAt(simulator.current, { apiKey: 'wrong-key-0000' }).encodeDocuments(['a']),
    );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('Provided API key is invalid');
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('no key at all: AuthenticationError naming VOYAGE_API_KEY before anything is sent', async () => {
    const previous = { voyage: process.env.VOYAGE_API_KEY, co: process.env.VOYAGEAI_API_KEY };
    delete process.env.VOYAGE_API_KEY;
    delete process.env.VOYAGEAI_API_KEY;
    try {
      const embedding = createVoyage({ baseURL: simulator.current.baseURL });
      const error = await catchError(embedding.encodeDocuments(['a']));
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('VOYAGE_API_KEY');
      expect(simulator.current.stats.requests).toBe(0);
    } finally {
      if (previous.voyage !== undefined) process.env.VOYAGE_API_KEY = previous.voyage;
      if (previous.co !== undefined) process.env.VOYAGEAI_API_KEY = previous.co;
    }
  });

  it('400 for an unknown model quotes the detail and is not retried', async () => {
    const error = await catchError(
      voyageAt(simulator.current, { model: 'voyage-9' }).encodeDocuments(['a']),
    );
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).isRetryable).toBe(false);
    expect((error as Error).message).toMatch(
      /voyage answered 400 \(invalid request\) for voyage-9: Model voyage-9 is not supported/,
    );
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('an unknown model gets only configured fields and learns its dim from the first answer', async () => {
    const preview = await startVoyageSimulator({
      models: {
        'voyage-5-preview': {
          dim: 48,
          maxTokensPerInput: 512,
          maxTokensPerRequest: 100_000,
          quantized: false,
        },
      },
    });
    try {
      const embedding = voyageAt(preview, { model: 'voyage-5-preview' });
      expect(embedding.dim).toBe(0);
      expect(await embedding.resolveDim()).toBe(48);
      expect(Object.keys(preview.embeddingBodies()[0]!).sort()).toEqual([
        'encoding_format',
        'input',
        'input_type',
        'model',
      ]);
    } finally {
      await preview.close();
    }
  });

  it('a wrong count or a cut-off body is a ResponseFormatError / retried, never accepted silently', async () => {
    simulator.current.faults.force('wrongCount', 1);
    const error = await catchError(
      voyageAt(simulator.current, { retry: { maxRetries: 0 } }).encodeDocuments(['a', 'b']),
    );
    expect(ResponseFormatError.isInstance(error)).toBe(true);
    simulator.current.faults.force('truncatedBody', 1);
    simulator.current.faults.force('connectionReset', 1);
    const vectors = await voyageAt(simulator.current, { dimensions: 256 }).encodeDocuments([
      'a',
      'b',
    ]);
    expect(vectors).toHaveLength(2);
  });
});

describe('the API key never leaks', () => {
  const sentinel = 'sentinel-voyage-key-5f1c0d9e2a7b';

  it('stays out of errors, toConfig(), stored space and logs, even when the server echoes it', async () => {
    const echoing = await startVoyageSimulator({ apiKey: 'the-real-key', leakKeyInErrors: true });
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
      const fromEnv = createVoyage({
        baseURL: echoing.baseURL,
        apiKeyEnv: 'EMBEDKIT_COHERE_SENTINEL',
        retry: fastRetry,
      });
      const literal = createVoyage(
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
        expect(everything).toContain('Provided API key is invalid');
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
    const embedding = createVoyage({
      baseURL: simulator.current.baseURL,
      apiKeyEnv: 'EMBEDKIT_COHERE_SENTINEL',
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

  it('falls back to VOYAGE_API_KEY, then VOYAGEAI_API_KEY', async () => {
    const previous = { voyage: process.env.VOYAGE_API_KEY, co: process.env.VOYAGEAI_API_KEY };
    try {
      delete process.env.VOYAGE_API_KEY;
      process.env.VOYAGEAI_API_KEY = simulator.current.apiKey;
      const embedding = createVoyage({ baseURL: simulator.current.baseURL });
      expect(await embedding.encodeDocuments(['a'])).toHaveLength(1);
      process.env.VOYAGE_API_KEY = 'voyage-wins-over-voyageai';
      const error = await catchError(embedding.encodeDocuments(['a']));
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect(simulator.current.log.map((entry) => entry.headers.authorization)).toEqual([
        `Bearer ${simulator.current.apiKey}`,
        'Bearer voyage-wins-over-voyageai',
      ]);
    } finally {
      if (previous.voyage === undefined) delete process.env.VOYAGE_API_KEY;
      else process.env.VOYAGE_API_KEY = previous.voyage;
      if (previous.co === undefined) delete process.env.VOYAGEAI_API_KEY;
      else process.env.VOYAGEAI_API_KEY = previous.co;
    }
  });
});

describe('voyage 403', () => {
  it('is an AuthenticationError saying the IP address is refused', async () => {
    const { AuthenticationError: Authentication } = await import('@embedkit/core');
    const { mapVoyageError } = await import('./voyage-error-mapping.js');
    const error = mapVoyageError(
      {
        status: 403,
        message: 'Forbidden',
        body: { detail: 'Forbidden' },
        bodyExcerpt: '',
        headers: {},
      },
      { model: 'voyage-3.5' },
    );
    expect(Authentication.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('IP addresses');
  });
});
