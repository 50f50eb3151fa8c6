import { createHash } from 'node:crypto';
import type { EmbedOptions } from '../embedding/embed-options.js';
import type { EmbedResult } from '../embedding/embed-result.js';
import type { EmbeddingFunction, EmbedPurpose } from '../embedding/embedding-function.js';
import { embeddingSpaceKey } from '../embedding/embedding-space.js';
import { validateTextInputs } from '../embedding/validate-text-inputs.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { type CacheStore, MemoryCacheStore } from './cache-store.js';

export interface WithCacheOptions {
  /** Where vectors are kept; an in-memory LRU of 10,000 entries by default. */
  store?: CacheStore;
}

/**
 * Puts a content-addressed cache in front of a function: the key is (embedding space, task or
 * purpose, text), so a change of model, dimension or task never serves a stale vector. Only
 * misses are sent, in one call, and their vectors are stored as they arrive.
 */
export function withCache(
  embedding: EmbeddingFunction,
  options: WithCacheOptions = {},
): EmbeddingFunction {
  const store = options.store ?? new MemoryCacheStore();

  const run = async (
    inputs: readonly string[],
    callOptions: EmbedOptions & { purpose?: EmbedPurpose } = {},
  ): Promise<EmbedResult> => {
    validateTextInputs(inputs, callOptions.allowEmpty);
    const purpose = callOptions.purpose ?? 'default';
    const prefix = `${embeddingSpaceKey(embedding.space)}\u0000${callOptions.task ?? purpose}\u0000`;
    const keys = inputs.map((text) =>
      createHash('sha256').update(prefix).update(text).digest('base64url'),
    );
    const cached = await store.getMany(keys);
    const missIndices: number[] = [];
    for (let index = 0; index < inputs.length; index++) {
      if (cached[index] === undefined) missIndices.push(index);
    }
    const vectors = cached.slice() as Float32Array[];
    if (missIndices.length === 0) {
      return { vectors, usage: { tokens: 0, calls: 0, retries: 0, rateLimited: 0 } };
    }
    const missTexts = missIndices.map((index) => inputs[index]!);
    try {
      const result = await embedding.embedWithUsage(missTexts, {
        ...callOptions,
        onProgress: callOptions.onProgress
          ? (progress) =>
              callOptions.onProgress?.({
                ...progress,
                done: progress.done + (inputs.length - missIndices.length),
                total: inputs.length,
              })
          : undefined,
      });
      await store.setMany(
        missIndices.map((index, position) => [keys[index]!, result.vectors[position]!]),
      );
      missIndices.forEach((index, position) => {
        vectors[index] = result.vectors[position]!;
      });
      return { vectors, usage: result.usage };
    } catch (error) {
      if (EmbedkitError.isInstance(error) && error.completed) {
        const { completed } = error;
        await store.setMany(
          completed.indices.map(
            (position, slot) => [keys[missIndices[position]!]!, completed.vectors[slot]!] as const,
          ),
        );
        const known = new Map<number, Float32Array>();
        for (const [index, vector] of cached.entries()) if (vector) known.set(index, vector);
        for (const [slot, position] of completed.indices.entries()) {
          known.set(missIndices[position]!, completed.vectors[slot]!);
        }
        const indices = [...known.keys()].sort((left, right) => left - right);
        error.completed = { indices, vectors: indices.map((index) => known.get(index)!) };
      }
      throw error;
    }
  };

  return {
    provider: embedding.provider,
    model: embedding.model,
    get dim() {
      return embedding.dim;
    },
    limits: embedding.limits,
    get space() {
      return embedding.space;
    },
    encodeDocuments: async (inputs, callOptions) =>
      (await run(inputs, { ...callOptions, purpose: 'document' })).vectors,
    encodeQueries: async (inputs, callOptions) =>
      (await run(inputs, { ...callOptions, purpose: 'query' })).vectors,
    embed: async (inputs, callOptions) =>
      (await run(inputs, { ...callOptions, purpose: 'default' })).vectors,
    embedWithUsage: run,
    resolveDim: (callOptions) => embedding.resolveDim(callOptions),
    toConfig: () => embedding.toConfig(),
  };
}
