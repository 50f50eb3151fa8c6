import { createHash } from 'node:crypto';
import {
  checkGroupList,
  completedOfGroups,
  splitIntoGroups,
  wholeGroupsOf,
} from '../embedding/document-groups.js';
import type { EmbedOptions } from '../embedding/embed-options.js';
import type { EmbedResult } from '../embedding/embed-result.js';
import {
  type DocumentGroupsEmbeddingFunction,
  type EmbeddingFunction,
  type EmbedPurpose,
  supportsDocumentGroups,
} from '../embedding/embedding-function.js';
import { embeddingSpaceKey } from '../embedding/embedding-space.js';
import { validateTextInputs } from '../embedding/validate-text-inputs.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { throwIfAborted } from '../errors/throw-if-aborted.js';
import { type CacheStore, MemoryCacheStore } from './cache-store.js';
import { offsetProgress } from './offset-progress.js';

export interface WithCacheOptions {
  /** Where vectors are kept; an in-memory LRU of 10,000 entries by default. */
  store?: CacheStore;
}

/**
 * Puts a content-addressed cache in front of a function: the key is (embedding space, task or
 * purpose, text), so a change of model, dimension or task never serves a stale vector. Only
 * misses are sent (a text repeated within one call is sent once), in one call, and their vectors
 * are stored as they arrive; on failure the vectors that did arrive are cached and on
 * `error.completed`, indexed by the caller's inputs.
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
    // A call with an aborted signal fails even when the cache could answer all of it.
    throwIfAborted(callOptions.signal, 'The embedding call was aborted before it started.');
    const purpose = callOptions.purpose ?? 'default';
    const prefix = `${embeddingSpaceKey(embedding.space)}\u0000${callOptions.task ?? purpose}\u0000`;
    const keys = inputs.map((text) =>
      createHash('sha256').update(prefix).update(text).digest('base64url'),
    );
    const cached = await store.getMany(keys);
    const vectors = cached.slice() as Float32Array[];
    // One call for the distinct missing texts; a text repeated in the call is sent once.
    const missesByKey = new Map<string, number[]>();
    for (let index = 0; index < inputs.length; index++) {
      if (cached[index] !== undefined) continue;
      const sameText = missesByKey.get(keys[index]!);
      if (sameText) sameText.push(index);
      else missesByKey.set(keys[index]!, [index]);
    }
    if (missesByKey.size === 0) {
      reportAllHits(callOptions, inputs.length);
      return { vectors, usage: { tokens: 0, calls: 0, retries: 0, rateLimited: 0 } };
    }
    const misses = [...missesByKey.entries()];
    const alreadyDone = inputs.length - misses.reduce((sum, [, same]) => sum + same.length, 0);
    const fill = async (positions: readonly number[], found: readonly Float32Array[]) => {
      await store.setMany(positions.map((position, slot) => [misses[position]![0], found[slot]!]));
      positions.forEach((position, slot) => {
        for (const index of misses[position]![1]) vectors[index] = found[slot]!;
      });
    };
    try {
      const result = await embedding.embedWithUsage(
        misses.map(([, same]) => inputs[same[0]!]!),
        {
          ...callOptions,
          onProgress: offsetProgress(callOptions.onProgress, alreadyDone, inputs.length),
        },
      );
      await fill(
        misses.map((_, position) => position),
        result.vectors,
      );
      return { vectors, usage: result.usage };
    } catch (error) {
      if (EmbedkitError.isInstance(error) && error.completed) {
        await fill(error.completed.indices, error.completed.vectors);
        const indices: number[] = [];
        for (let index = 0; index < vectors.length; index++) {
          if (vectors[index] !== undefined) indices.push(index);
        }
        error.completed = { indices, vectors: indices.map((index) => vectors[index]!) };
      }
      throw error;
    }
  };

  const keyOf = (prefix: string, text: string) =>
    createHash('sha256').update(prefix).update(text).digest('base64url');

  /**
   * Documents as chunk lists. Independent chunks are cached one by one (through `run`). Chunks
   * whose vectors depend on their document (late chunking) are cached under the whole document:
   * a document is served from the cache only when every chunk is there, and otherwise embedded
   * again whole, so a vector never depends on which of its neighbours happened to be cached.
   */
  const encodeDocumentGroups = async (
    groups: readonly (readonly string[])[],
    callOptions: EmbedOptions = {},
  ): Promise<Float32Array[][]> => {
    checkGroupList(groups);
    if (embedding.chunkContext !== 'document') {
      const { vectors } = await run(groups.flat(), { ...callOptions, purpose: 'document' });
      return splitIntoGroups(groups, vectors);
    }
    for (const group of groups) validateTextInputs(group, callOptions.allowEmpty);
    // A call with an aborted signal fails even when the cache could answer all of it.
    throwIfAborted(callOptions.signal, 'The embedding call was aborted before it started.');
    const prefix = `${embeddingSpaceKey(embedding.space)}\u0000${callOptions.task ?? 'document'}\u0000group\u0000`;
    const keys = groups.map((group) => {
      const documentKey = keyOf(prefix, JSON.stringify(group));
      return group.map((_, index) => `${documentKey}.${index}`);
    });
    const cached = await store.getMany(keys.flat());
    const found = splitIntoGroups(groups, cached);
    const missing = [...groups.keys()].filter((index) =>
      found[index]!.some((vector) => vector === undefined),
    );
    const result = found as Float32Array[][];
    const total = cached.length;
    if (missing.length === 0) {
      reportAllHits(callOptions, total);
      return result;
    }
    const store_ = async (positions: readonly number[], vectors: readonly Float32Array[][]) => {
      await store.setMany(
        positions.flatMap((position, slot) =>
          keys[missing[position]!]!.map((key, index) => [key, vectors[slot]![index]!] as const),
        ),
      );
      positions.forEach((position, slot) => {
        result[missing[position]!] = vectors[slot]!;
      });
    };
    const sent = missing.map((index) => groups[index]!);
    const alreadyDone = total - sent.reduce((sum, group) => sum + group.length, 0);
    try {
      const vectors = await guard(embedding).encodeDocumentGroups(sent, {
        ...callOptions,
        onProgress: offsetProgress(callOptions.onProgress, alreadyDone, total),
      });
      await store_(
        missing.map((_, position) => position),
        vectors,
      );
      return result;
    } catch (error) {
      if (EmbedkitError.isInstance(error) && error.completed) {
        // Only whole documents are kept: a part of a late-chunked document is not reusable.
        const done = wholeGroupsOf(sent, error.completed);
        const whole = [...done.keys()].filter((position) => done[position] !== undefined);
        const wholeVectors = whole.map((position) => done[position]!);
        await store_(whole, wholeVectors);
        error.completed = completedOfGroups(groups, result);
      }
      throw error;
    }
  };
  const grouped = supportsDocumentGroups(embedding) ? { encodeDocumentGroups } : {};

  return {
    provider: embedding.provider,
    model: embedding.model,
    ...(embedding.chunkContext === undefined ? {} : { chunkContext: embedding.chunkContext }),
    ...grouped,
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

/** A call answered from the cache alone still reports its (single, final) progress. */
function reportAllHits(callOptions: EmbedOptions, total: number): void {
  if (total === 0) return;
  callOptions.onProgress?.({ done: total, total, tokens: 0, calls: 0, retries: 0 });
}

/** The inner function, known to have `encodeDocumentGroups` (checked once at wrap time). */
function guard(embedding: EmbeddingFunction): DocumentGroupsEmbeddingFunction {
  return embedding as DocumentGroupsEmbeddingFunction;
}
