import { ApiCallError, AuthenticationError } from '@embedkit/core';
import { countTokens, startOllamaSimulator } from '@embedkit/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fastRetry } from './ollama.test-helpers.js';
import { createOllama } from './ollama-embedding.js';

describe('ollama errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a model that is not pulled says to run ollama pull, once, without retrying', async () => {
    const simulator = await startOllamaSimulator();
    try {
      const embedding = createOllama({ baseURL: simulator.url, model: 'bge-m3', retry: fastRetry });
      const error = await embedding.encodeDocuments(['x']).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiCallError);
      expect((error as ApiCallError).status).toBe(404);
      expect(String(error)).toMatch(/model "bge-m3" not found, try pulling it first/);
      expect(String(error)).toMatch(/run `ollama pull bge-m3`/);
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('a sentinel key never appears in errors, toConfig() or logs', async () => {
    const sentinel = 'ollama-SENTINEL-key-77aa66bb55cc';
    const variable = 'EMBEDKIT_TEST_OLLAMA_SENTINEL';
    const simulator = await startOllamaSimulator({ apiKey: 'another-key' });
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }
    process.env[variable] = sentinel;
    try {
      for (const embedding of [
        createOllama({ baseURL: simulator.url, apiKeyEnv: variable }),
        createOllama({ baseURL: simulator.url }, { apiKey: sentinel }),
      ]) {
        const error = await embedding.encodeDocuments(['x']).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(`${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain(
          sentinel,
        );
        expect(JSON.stringify(embedding.toConfig())).not.toContain(sentinel);
      }
      expect(lines.join('\n')).not.toContain(sentinel);
    } finally {
      delete process.env[variable];
      await simulator.close();
    }
  });

  it('a 429 with Retry-After is waited out as the header says', async () => {
    const simulator = await startOllamaSimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 1_000 },
      retryAfter: 'seconds',
    });
    try {
      const embedding = createOllama({ baseURL: simulator.url, retry: fastRetry });
      await embedding.encodeDocuments(['first']);
      await embedding.encodeDocuments(['second']);
      expect(simulator.log.map((entry) => entry.status)).toEqual([200, 429, 200]);
    } finally {
      await simulator.close();
    }
  });

  it('no input count from 1 to 5,000 produces a refused request (truncate: false)', async () => {
    const simulator = await startOllamaSimulator({
      models: { 'all-minilm': { dim: 8, contextLength: 256 } },
    });
    try {
      const embedding = createOllama({
        baseURL: simulator.url,
        model: 'all-minilm',
        dimensions: 8,
        truncate: false,
        concurrency: 4,
      });
      const corpus = (count: number) =>
        Array.from({ length: count }, (_, index) =>
          `text ${index} ${'about local models '.repeat(index % 12)}`.trim(),
        );
      expect(Math.max(...corpus(12).map(countTokens))).toBeLessThan(254);
      const counts = [
        ...Array.from({ length: 140 }, (_, index) => index + 1),
        255,
        256,
        257,
        1000,
        1023,
        1025,
        2500,
        4097,
        4999,
        5000,
      ];
      for (const count of counts) {
        simulator.resetStats();
        expect(await embedding.encodeDocuments(corpus(count))).toHaveLength(count);
        expect(simulator.log.filter((entry) => entry.status !== 200)).toEqual([]);
        for (const entry of simulator.log) {
          expect((entry.body as { input: string[] }).input.length).toBeLessThanOrEqual(128);
        }
      }
    } finally {
      await simulator.close();
    }
  }, 120_000);
});
