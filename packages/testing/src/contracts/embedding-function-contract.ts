import {
  AbortError,
  type EmbeddingFunction,
  InvalidInputError,
  isSameEmbeddingSpace,
  type Registry,
  supportsDocumentGroups,
} from '@embedkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface EmbeddingFunctionContractSetup {
  embedding: EmbeddingFunction;
  /** Rebuilds the function from `toConfig()`; checks the round trip when given. */
  registry?: Registry;
  /** Strings that must never appear in `toConfig()` (API keys). */
  secrets?: string[];
  /** Whether the same text always gives the same vector (true for simulators and hashing). */
  deterministic?: boolean;
  teardown?: () => Promise<void>;
}

const texts = [
  'Milvus stores vectors and searches them by similarity.',
  'The quick brown fox jumps over the lazy dog.',
  'Embeddings turn text into numbers that keep its meaning.',
];

/**
 * The behaviour every `EmbeddingFunction` promises, run against one implementation. Each
 * provider's test file calls this with a function pointed at its simulator.
 */
export function describeEmbeddingFunctionContract(
  name: string,
  setup: () => Promise<EmbeddingFunctionContractSetup> | EmbeddingFunctionContractSetup,
): void {
  describe(`EmbeddingFunction contract: ${name}`, () => {
    let context: EmbeddingFunctionContractSetup;
    beforeAll(async () => {
      context = await setup();
    });
    afterAll(async () => {
      await context?.teardown?.();
    });

    it('knows its dimension and returns vectors of that length in input order', async () => {
      const dim = await context.embedding.resolveDim();
      expect(dim).toBeGreaterThan(0);
      expect(context.embedding.dim).toBe(dim);
      const vectors = await context.embedding.encodeDocuments(texts);
      expect(vectors).toHaveLength(texts.length);
      for (const vector of vectors) {
        expect(vector).toBeInstanceOf(Float32Array);
        expect(vector).toHaveLength(dim);
        expect(vector.every(Number.isFinite)).toBe(true);
      }
      if (context.deterministic !== false) {
        const single = await context.embedding.encodeDocuments([texts[2]!]);
        expect(Array.from(single[0]!)).toEqual(Array.from(vectors[2]!));
      }
    });

    it('encodes queries and the configured task, one vector per input', async () => {
      const queries = await context.embedding.encodeQueries(['what stores vectors?', 'fox']);
      expect(queries).toHaveLength(2);
      const plain = await context.embedding.embed(texts);
      expect(plain).toHaveLength(texts.length);
      expect(queries[0]).toHaveLength(context.embedding.dim);
    });

    it('returns an empty list for an empty list', async () => {
      expect(await context.embedding.encodeDocuments([])).toEqual([]);
    });

    it('names the bad input: non-strings, empty and whitespace-only strings', async () => {
      const attempts: [unknown[], number][] = [
        [['fine', 42], 1],
        [['', 'fine'], 0],
        [['fine', 'also fine', '   \n'], 2],
      ];
      for (const [inputs, index] of attempts) {
        const error = await context.embedding
          .encodeDocuments(inputs as string[])
          .catch((caught: unknown) => caught);
        expect(InvalidInputError.isInstance(error)).toBe(true);
        expect((error as InvalidInputError).index).toBe(index);
        expect((error as Error).message).toContain(`Input ${index}`);
      }
      const notArray = await context.embedding
        .encodeDocuments('just a string' as unknown as string[])
        .catch((caught: unknown) => caught);
      expect(InvalidInputError.isInstance(notArray)).toBe(true);
    });

    it('reports progress and usage', async () => {
      const seen: number[] = [];
      // Texts no earlier test sent, so a caching function has to call its provider too.
      const fresh = texts.map((text) => `${text} (${process.pid}-${Date.now()})`);
      const result = await context.embedding.embedWithUsage(fresh, {
        purpose: 'document',
        onProgress: (progress) => {
          expect(progress.total).toBe(texts.length);
          seen.push(progress.done);
        },
      });
      expect(result.vectors).toHaveLength(texts.length);
      expect(seen.at(-1)).toBe(texts.length);
      expect(result.usage.calls).toBeGreaterThanOrEqual(1);
      expect(result.usage.tokens).toBeGreaterThan(0);
    });

    it('stops at once when aborted', async () => {
      const controller = new AbortController();
      controller.abort(new Error('stop'));
      const error = await context.embedding
        .encodeDocuments(texts, { signal: controller.signal })
        .catch((caught: unknown) => caught);
      expect(AbortError.isInstance(error)).toBe(true);
    });

    it('encodes documents given as chunk lists when it has the capability', async () => {
      const { embedding } = context;
      if (embedding.chunkContext === 'document') expect(embedding.space.lateChunking).toBe(true);
      else expect(embedding.space.lateChunking).toBeUndefined();
      if (!supportsDocumentGroups(embedding)) return;
      const groups = await embedding.encodeDocumentGroups([
        [texts[0]!, texts[1]!],
        [texts[2]!],
        [],
      ]);
      expect(groups.map((group) => group.length)).toEqual([2, 1, 0]);
      for (const vector of groups.flat()) expect(vector).toHaveLength(embedding.dim);
      if (context.deterministic !== false) {
        // A document of one chunk is that chunk as an independent document, in either mode.
        const [alone] = await embedding.encodeDocuments([texts[2]!]);
        expect(Array.from(groups[1]![0]!)).toEqual(Array.from(alone!));
        if (embedding.chunkContext !== 'document') {
          const [first] = await embedding.encodeDocuments([texts[0]!]);
          expect(Array.from(groups[0]![0]!)).toEqual(Array.from(first!));
        }
      }
      const error = await embedding
        .encodeDocumentGroups(['not a list of chunks'] as unknown as string[][])
        .catch((caught: unknown) => caught);
      expect(InvalidInputError.isInstance(error)).toBe(true);
    });

    it('describes itself with a JSON config that holds no secret and round-trips', async () => {
      const config = context.embedding.toConfig();
      expect(config.provider).toBe(context.embedding.provider);
      expect(config.model).toBe(context.embedding.model);
      expect(config.dim).toBe(context.embedding.dim);
      const json = JSON.stringify(config);
      expect(JSON.parse(json)).toEqual(config);
      for (const secret of context.secrets ?? []) expect(json).not.toContain(secret);
      if (context.registry) {
        const rebuilt = context.registry.fromConfig(JSON.parse(json));
        expect(isSameEmbeddingSpace(rebuilt.space, context.embedding.space)).toBe(true);
        expect(rebuilt.toConfig()).toEqual(config);
        if (context.deterministic !== false) {
          const [left] = await context.embedding.encodeDocuments([texts[0]!]);
          const [right] = await rebuilt.encodeDocuments([texts[0]!]);
          expect(Array.from(right!)).toEqual(Array.from(left!));
        }
      }
    });
  });
}
