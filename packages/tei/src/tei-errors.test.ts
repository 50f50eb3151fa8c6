import { AuthenticationError, createRegistry } from '@embedkit/core';
import { startTEISimulator } from '@embedkit/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fastRetry } from './tei.test-helpers.js';
import { createTEI } from './tei-embedding.js';
import { teiProvider } from './tei-provider.js';

const model = 'BAAI/bge-small-en-v1.5';

describe('tei errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a sentinel token never appears in errors, toConfig() or logs', async () => {
    const sentinel = 'tei-SENTINEL-token-0f9a8b7c6d5e';
    const variable = 'EMBEDKIT_TEST_TEI_SENTINEL';
    const simulator = await startTEISimulator({ apiKey: 'the-server-wants-another-token' });
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }
    process.env[variable] = sentinel;
    try {
      const fromEnv = createTEI({ baseURL: simulator.url, model, apiKeyEnv: variable });
      const literal = createTEI({ baseURL: simulator.url, model }, { apiKey: sentinel });
      for (const embedding of [fromEnv, literal]) {
        const error = await embedding.encodeDocuments(['x']).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AuthenticationError);
        const seen = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`;
        expect(seen).not.toContain(sentinel);
        expect(JSON.stringify(embedding.toConfig())).not.toContain(sentinel);
      }
      expect(simulator.log[0]!.headers.authorization).toBe(`Bearer ${sentinel}`);
      const rebuilt = createRegistry([teiProvider]).fromConfig(fromEnv.toConfig());
      expect(JSON.stringify(rebuilt.toConfig())).not.toContain(sentinel);
      expect(lines.join('\n')).not.toContain(sentinel);
    } finally {
      delete process.env[variable];
      await simulator.close();
    }
  });

  it('a 429 with Retry-After is waited out as the header says', async () => {
    // One request per second: a retry before the advertised second would be refused again.
    const simulator = await startTEISimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 1_000 },
      retryAfter: 'seconds',
    });
    try {
      const embedding = createTEI({ baseURL: simulator.url, model, retry: fastRetry });
      await embedding.encodeDocuments(['first']);
      await embedding.encodeDocuments(['second']);
      const embeds = simulator.log.filter((entry) => entry.path === '/embed');
      expect(embeds.map((entry) => entry.status)).toEqual([200, 429, 200]);
      expect(simulator.stats.statuses[429]).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('a server that is not TEI is named as such', async () => {
    const other = await startTEISimulator();
    await other.close();
    const embedding = createTEI({
      baseURL: other.url,
      model,
      retry: { ...fastRetry, maxRetries: 1 },
    });
    await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(
      /Could not reach the TEI server/,
    );
  });
});
