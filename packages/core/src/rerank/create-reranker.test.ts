import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { createReranker } from './create-reranker.js';
import { createRerankerRegistry } from './create-reranker-registry.js';
import { defineReranker } from './reranker-definition.js';

/**
 * Core's own pieces, with a provider that scores locally: how calls are planned and merged.
 * Every real reranker is tested over HTTP against its simulator by `describeRerankerContract`.
 */
const lengthScore = (text: string) => text.length;

function lengthReranker(options: { maxInputsPerCall?: number; maxTokensPerCall?: number } = {}) {
  const calls: string[][] = [];
  const reranker = createReranker({
    provider: 'length',
    model: 'by-length',
    limits: {
      maxInputsPerCall: options.maxInputsPerCall ?? 100,
      maxTokensPerCall: options.maxTokensPerCall,
      supportsParallelCalls: true,
      concurrency: 2,
    },
    settings: { unset: undefined, kept: 1 },
    estimateTokens: (text) => text.length,
    retry: { baseDelayMs: 0, maxDelayMs: 0 },
    rerankBatch: async ({ documents }) => {
      calls.push([...documents]);
      if (documents.length > 3) {
        throw new BatchTooLargeError({ provider: 'length', message: 'too many documents' });
      }
      return {
        results: documents.map((document, index) => ({ index, score: lengthScore(document) })),
      };
    },
  });
  return { reranker, calls };
}

describe('createReranker', () => {
  it('packs calls by the token budget counting the query once per document', async () => {
    const { reranker, calls } = lengthReranker({ maxTokensPerCall: 12 });
    // query 2 + document 4 = 6 tokens per pair: two pairs per call.
    const results = await reranker.rerank('qq', ['aaaa', 'bbbb', 'cccc']);
    expect(calls.map((call) => call.length)).toEqual([2, 1]);
    expect(results.map((result) => result.index)).toEqual([0, 1, 2]);
  });

  it('halves a batch the provider calls too large and merges the halves by score', async () => {
    const { reranker, calls } = lengthReranker();
    const documents = ['a', 'abcdef', 'ab', 'abcd', 'abc'];
    const results = await reranker.rerank('q', documents, { topN: 4 });
    expect(calls[0]).toHaveLength(5);
    expect(calls.slice(1).every((call) => call.length <= 3)).toBe(true);
    expect(results.map((result) => result.document)).toEqual(['abcdef', 'abcd', 'abc', 'ab']);
  });

  it('keeps input order for equal scores', async () => {
    const { reranker } = lengthReranker({ maxInputsPerCall: 1 });
    const results = await reranker.rerank('q', ['xx', 'yy', 'zzz', 'ww']);
    expect(results.map((result) => result.index)).toEqual([2, 0, 1, 3]);
  });

  it('writes only the settings that are set into toConfig()', () => {
    expect(lengthReranker().reranker.toConfig()).toEqual({
      provider: 'length',
      model: 'by-length',
      kept: 1,
    });
  });
});

describe('createRerankerRegistry', () => {
  const definition = defineReranker({
    id: 'length',
    schema: z.object({ model: z.string().default('by-length') }).strict(),
    create: () => lengthReranker().reranker,
  });

  it('builds from a config and reports every problem as InvalidConfigError', () => {
    const registry = createRerankerRegistry([definition]);
    expect(registry.providers).toEqual(['length']);
    expect(registry.fromConfig({ provider: 'length' }).model).toBe('by-length');
    const unknown = (() => {
      try {
        registry.fromConfig({ provider: 'nope' });
      } catch (error) {
        return error;
      }
    })() as InvalidConfigError;
    expect(InvalidConfigError.isInstance(unknown)).toBe(true);
    expect(unknown.issues[0]!.message).toBe('unknown reranker "nope"; expected one of "length"');
    expect(() => registry.fromConfig({ provider: 'length', typo: 1 })).toThrow(InvalidConfigError);
    expect(() => registry.fromConfig('length')).toThrow(InvalidConfigError);
    expect(() => createRerankerRegistry([definition, definition])).toThrow(/listed twice/);
  });
});
