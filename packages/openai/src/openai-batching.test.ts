import { InvalidInputError } from '@embedkit/core';
import {
  countTokens,
  type OpenAISimulator,
  openaiSimulatorKey,
  startOpenAISimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiWith, sentBodies, texts } from './openai.test-helpers.js';

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator();
});
afterAll(() => simulator.close());
beforeEach(() => simulator.resetStats());

const settings = () => ({
  baseURL: simulator.baseURL,
  apiKey: openaiSimulatorKey,
  dimensions: 8,
  encodingFormat: 'float' as const,
});
const sentInputs = () => sentBodies(simulator.log).map((body) => body.input as string[]);

/** 90 inputs of 4,000 tokens each (by the service's count): 360,000 tokens in all. */
const longTexts = Array.from({ length: 90 }, (_, index) => `${index} ${'word '.repeat(3999)}`);

describe('batching within the service limits', () => {
  it('sends at most 2,048 inputs per request, in order', async () => {
    const inputs = texts(2100);
    const vectors = await openaiWith(settings()).encodeDocuments(inputs);
    expect(
      sentInputs()
        .map((batch) => batch.length)
        .sort((a, b) => b - a),
    ).toEqual([2048, 52]);
    expect(Array.from(vectors[2099]!)).toEqual(
      Array.from(simulator.expectedVector(inputs[2099]!, 'text-embedding-3-small', 8)),
    );
  });

  it('never sends a request over 300,000 tokens', async () => {
    expect(countTokens(longTexts[89]!)).toBe(4000);
    const result = await openaiWith(settings()).embedWithUsage(longTexts);
    expect(result.vectors).toHaveLength(90);
    expect(simulator.stats.statuses).toEqual({ 200: result.usage.calls });
    expect(result.usage.calls).toBeGreaterThanOrEqual(2);
    expect(result.usage.calls).toBeLessThanOrEqual(3);
    for (const batch of sentInputs()) expect(batch.length * 4000).toBeLessThanOrEqual(300_000);
    expect(result.usage.tokens).toBe(90 * 4000);
  });

  it('splits a batch in half when the service still refuses it as too many tokens', async () => {
    const strict = await startOpenAISimulator({ requestLimits: { maxTokensPerRequest: 30_000 } });
    try {
      const embedding = openaiWith({ ...settings(), baseURL: strict.baseURL });
      const inputs = longTexts.slice(0, 10);
      const vectors = await embedding.encodeDocuments(inputs);
      expect(strict.stats.statuses).toEqual({ 400: 1, 200: 2 });
      expect(sentBodies(strict.log).map((body) => (body.input as string[]).length)).toEqual([
        10, 5, 5,
      ]);
      expect(Array.from(vectors[7]!)).toEqual(
        Array.from(strict.expectedVector(inputs[7]!, 'text-embedding-3-small', 8)),
      );
    } finally {
      await strict.close();
    }
  });

  it('names an input over the 8,192-token context instead of failing the whole batch blindly', async () => {
    const inputs = ['short one', 'word '.repeat(9000), 'short two'];
    const error = await openaiWith({ ...settings(), concurrency: 1 })
      .encodeDocuments(inputs)
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect((error as Error).message).toContain('maximum context length is 8192 tokens');
  });
});
