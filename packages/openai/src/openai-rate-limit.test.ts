import { startOpenAISimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { fastRetry, texts } from './openai.test-helpers.js';
import { createOpenAI } from './openai-embedding.js';

/** The simulated organisation's limits: 8 requests per half-second window. */
const limits = { requestsPerWindow: 8, windowMs: 500 };

/** Embeds 24 texts one per request, 4 in flight, and counts the simulator's 429 answers. */
async function run(rateLimit?: { requestsPerMinute: number; windowMs: number }) {
  const simulator = await startOpenAISimulator({ rateLimits: limits });
  try {
    const embedding = createOpenAI(
      {
        baseURL: simulator.baseURL,
        dimensions: 8,
        maxInputsPerCall: 1,
        concurrency: 4,
        retry: { ...fastRetry, maxRetries: 50 },
        ...(rateLimit ? { rateLimit } : {}),
      },
      { apiKey: simulator.apiKey },
    );
    const vectors = await embedding.encodeDocuments(texts(24));
    expect(vectors).toHaveLength(24);
    return { refused: simulator.stats.statuses[429] ?? 0, accepted: simulator.stats.statuses[200] };
  } finally {
    await simulator.close();
  }
}

describe('rateLimit', () => {
  it('paces requests under the published limits: fewer 429s than without it', async () => {
    const unpaced = await run();
    const paced = await run({
      requestsPerMinute: limits.requestsPerWindow,
      windowMs: limits.windowMs,
    });
    expect(unpaced.refused).toBeGreaterThan(0);
    expect(paced.refused).toBeLessThan(unpaced.refused);
    expect(paced.refused).toBe(0);
    expect(paced.accepted).toBe(24);
  });
});
