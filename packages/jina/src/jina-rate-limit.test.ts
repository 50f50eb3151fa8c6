import { InvalidConfigError } from '@embedkit/core';
import { countTokensOf, startJinaSimulator, withArrivalSlack } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { createJina } from './jina-embedding.js';
import { createJinaReranker } from './jina-reranker.js';
import { jinaAt } from './simulator.test-helpers.js';

// A service whose "minute" lasts 600 ms and takes 300 tokens in it; eight concurrent calls of
// about 65 tokens each need two windows.
const limits = { requestsPerMinute: 100, tokensPerMinute: 300, windowMs: 600 };
const calls = Array.from({ length: 8 }, (_, call) =>
  Array.from({ length: 5 }, (_, text) => `call ${call} text ${text}: a short passage to embed`),
);

async function ingest(settings: Parameters<typeof jinaAt>[1]) {
  const simulator = await startJinaSimulator({ limits, latency: { fixedMs: 5 } });
  try {
    const embedding = jinaAt(simulator, { dimensions: 32, ...settings });
    const results = await Promise.all(
      calls.map((texts) => embedding.embedWithUsage(texts, { purpose: 'document' })),
    );
    return {
      vectors: results.reduce((sum, result) => sum + result.vectors.length, 0),
      rateLimited: results.reduce((sum, result) => sum + result.usage.rateLimited, 0),
      refused: simulator.stats.statuses[429] ?? 0,
      billed: simulator.stats.tokens,
    };
  } finally {
    await simulator.close();
  }
}

describe('jina rateLimit: pacing to the key’s published limits', () => {
  it('stays under the service limits with no 429, where the same run without it meets 429s', async () => {
    // The run without pacing goes first; it also warms this process up (its first request is the
    // slowest to reach the in-process service, and pacing cannot know that delay).
    const unpaced = await ingest({ maxRetries: 50, retry: { baseDelayMs: 50, maxDelayMs: 200 } });
    expect(unpaced.vectors).toBe(40);
    expect(unpaced.refused).toBeGreaterThan(0);
    expect(unpaced.rateLimited).toBe(unpaced.refused);

    const paced = await ingest({ rateLimit: withArrivalSlack(limits) });
    expect(paced.vectors).toBe(40);
    expect(paced.billed).toBe(countTokensOf(calls.flat()));
    expect(paced.billed).toBeGreaterThan(limits.tokensPerMinute);
    expect(paced).toMatchObject({ refused: 0, rateLimited: 0 });
  });

  it('is validated with readable messages and kept in toConfig (it is not secret)', () => {
    const settings = {
      rateLimit: { requestsPerMinute: 500, tokensPerMinute: 1_000_000 },
    };
    expect(createJina(settings, { apiKey: 'jina_key' }).toConfig()).toMatchObject({
      rateLimit: settings.rateLimit,
    });
    expect(() => createJina({ rateLimit: { tokensPerMinute: 0 } })).toThrow(InvalidConfigError);
    expect(() => createJina({ rateLimit: { tokensPerMinute: 0 } })).toThrow(
      /rateLimit\.tokensPerMinute: expected a number above 0/,
    );
    expect(() => createJina({ rateLimit: { requestsPerMinute: 2.5 } })).toThrow(
      /rateLimit\.requestsPerMinute: expected a whole number/,
    );
    expect(() => createJina({ rateLimit: { tokensPerMinute: 5, perDay: 1 } as never })).toThrow(
      /unknown key rateLimit\.perDay/,
    );
  });

  it('paces the reranker too', async () => {
    const simulator = await startJinaSimulator({ limits: { ...limits, tokensPerMinute: 120 } });
    try {
      const reranker = createJinaReranker(
        {
          baseURL: simulator.baseURL,
          maxDocumentsPerCall: 4,
          rateLimit: { ...limits, tokensPerMinute: 120 },
        },
        { apiKey: simulator.apiKey },
      );
      const documents = calls[0]!.concat(calls[1]!);
      const results = await reranker.rerank('a short passage', documents);
      expect(results).toHaveLength(10);
      expect(simulator.stats.tokens).toBeGreaterThan(120);
      expect(simulator.stats.statuses[429] ?? 0).toBe(0);
    } finally {
      await simulator.close();
    }
  });
});
