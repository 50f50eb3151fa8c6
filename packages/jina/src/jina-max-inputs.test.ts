import { InvalidConfigError } from '@embedkit/core';
import { startJinaSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { createJina } from './jina-embedding.js';
import { jinaAt } from './simulator.test-helpers.js';

const texts = Array.from({ length: 100 }, (_, index) => `short document number ${index}`);

/** Embeds `texts` against an endpoint that accepts 32 inputs per request. */
async function embedAtSmallCap(settings: Parameters<typeof jinaAt>[1]) {
  const simulator = await startJinaSimulator({ maxInputsPerRequest: 32 });
  try {
    const vectors = await jinaAt(simulator, { dimensions: 32, ...settings }).encodeDocuments(texts);
    return {
      vectors: vectors.length,
      requests: simulator.stats.requestsByRoute['POST /v1/embeddings'] ?? 0,
      refused: (simulator.stats.statuses[400] ?? 0) + (simulator.stats.statuses[422] ?? 0),
    };
  } finally {
    await simulator.close();
  }
}

describe('jina maxInputsPerCall', () => {
  it('sends no request above it, so an endpoint with a smaller cap refuses nothing', async () => {
    const capped = await embedAtSmallCap({ maxInputsPerCall: 32 });
    expect(capped).toEqual({ vectors: 100, requests: 4, refused: 0 });
    // Without it the model's 2,048 applies: the endpoint refuses, the runner halves until it fits.
    const uncapped = await embedAtSmallCap({});
    expect(uncapped.vectors).toBe(100);
    expect(uncapped.refused).toBeGreaterThan(0);
    expect(uncapped.requests).toBeGreaterThan(capped.requests);
  });

  it('is validated and kept in toConfig', () => {
    expect(createJina({ maxInputsPerCall: 32 }, { apiKey: 'k' }).toConfig()).toMatchObject({
      maxInputsPerCall: 32,
    });
    expect(() => createJina({ maxInputsPerCall: 0 })).toThrow(InvalidConfigError);
    expect(() => createJina({ maxInputsPerCall: 4096 })).toThrow(InvalidConfigError);
  });
});
