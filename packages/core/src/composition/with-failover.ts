import { checkGroupList, completedOfGroups, wholeGroupsOf } from '../embedding/document-groups.js';
import type { EmbedOptions } from '../embedding/embed-options.js';
import type { EmbedResult } from '../embedding/embed-result.js';
import {
  type DocumentGroupsEmbeddingFunction,
  type EmbeddingFunction,
  type EmbedPurpose,
  supportsDocumentGroups,
} from '../embedding/embedding-function.js';
import { describeEmbeddingSpace, isSameEmbeddingSpace } from '../embedding/embedding-space.js';
import { validateTextInputs } from '../embedding/validate-text-inputs.js';
import { EmbeddingSpaceMismatchError } from '../errors/embedding-space-mismatch-error.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { offsetProgress } from './offset-progress.js';

export interface WithFailoverOptions {
  /**
   * Whether an error should move the remaining work to the next function. Default: retryable
   * errors (the primary kept failing after its own retries) and authentication errors (a
   * revoked key on one endpoint); invalid input fails at once, since every endpoint would refuse it.
   */
  shouldFailover?: (error: unknown) => boolean;
}

const defaultShouldFailover = (error: unknown): boolean =>
  EmbedkitError.isInstance(error) && (error.isRetryable || error.code === 'AUTHENTICATION_FAILED');

/**
 * Tries functions in order: what the first could not finish goes to the second, and so on.
 * Vectors already produced are kept, so nothing is embedded twice. All functions must serve the
 * same embedding space (model, dimension, normalisation); mixing spaces is refused here, at
 * construction, because mixed vectors ruin search without any error.
 */
export function withFailover(
  functions: readonly EmbeddingFunction[],
  options: WithFailoverOptions = {},
): EmbeddingFunction {
  const [primary, ...others] = functions;
  if (!primary) {
    throw new InvalidConfigError({
      subject: 'failover',
      issues: [{ path: '', message: 'needs at least one embedding function' }],
    });
  }
  for (const other of others) {
    if (!isSameEmbeddingSpace(primary.space, other.space)) {
      throw new EmbeddingSpaceMismatchError({
        message: `Failover needs functions of one embedding space, but ${describeEmbeddingSpace(primary.space)} and ${describeEmbeddingSpace(other.space)} differ; their vectors are not comparable.`,
        expected: primary.space,
        actual: other.space,
      });
    }
  }
  const shouldFailover = options.shouldFailover ?? defaultShouldFailover;
  const chunkContext = primary.chunkContext ?? 'none';
  for (const other of others) {
    if ((other.chunkContext ?? 'none') !== chunkContext) {
      throw new InvalidConfigError({
        subject: 'failover',
        issues: [
          {
            path: '',
            message: `${describeEmbeddingSpace(primary.space)} embeds chunks with chunkContext "${chunkContext}" but ${describeEmbeddingSpace(other.space)} with "${other.chunkContext ?? 'none'}"; their chunk vectors are not interchangeable`,
          },
        ],
      });
    }
  }
  const everyGroups = functions.every((embedding) => supportsDocumentGroups(embedding));
  if (chunkContext === 'document' && !everyGroups) {
    throw new InvalidConfigError({
      subject: 'failover',
      issues: [
        {
          path: '',
          message:
            'late-chunking functions must all have encodeDocumentGroups, or a failed document could not move to the next function whole',
        },
      ],
    });
  }

  const run = async (
    inputs: readonly string[],
    callOptions: EmbedOptions & { purpose?: EmbedPurpose } = {},
  ): Promise<EmbedResult> => {
    // Checked here too, so a bad input is named against the caller's array, not a remainder.
    validateTextInputs(inputs, callOptions.allowEmpty);
    const vectors: (Float32Array | undefined)[] = new Array(inputs.length);
    const usage = { tokens: 0, calls: 0, retries: 0, rateLimited: 0 };
    let remaining = inputs.map((_, index) => index);
    let lastError: unknown;
    for (const embedding of functions) {
      try {
        const alreadyDone = inputs.length - remaining.length;
        const result = await embedding.embedWithUsage(
          remaining.map((index) => inputs[index]!),
          {
            ...callOptions,
            onProgress: offsetProgress(callOptions.onProgress, alreadyDone, inputs.length),
          },
        );
        result.vectors.forEach((vector, position) => {
          vectors[remaining[position]!] = vector;
        });
        addUsage(usage, result.usage);
        return { vectors: vectors as Float32Array[], usage };
      } catch (error) {
        lastError = error;
        if (EmbedkitError.isInstance(error) && error.completed) {
          const { completed } = error;
          completed.indices.forEach((position, slot) => {
            vectors[remaining[position]!] = completed.vectors[slot];
          });
        }
        remaining = remaining.filter((index) => vectors[index] === undefined);
        if (!shouldFailover(error) || callOptions.signal?.aborted) break;
      }
    }
    if (EmbedkitError.isInstance(lastError)) {
      const indices = vectors.flatMap((vector, index) => (vector ? [index] : []));
      lastError.completed = { indices, vectors: indices.map((index) => vectors[index]!) };
    }
    throw lastError;
  };

  /**
   * Documents as chunk lists: what a function could not finish moves to the next one document by
   * document, so a late-chunked document is always embedded whole by one function.
   */
  const encodeDocumentGroups = async (
    groups: readonly (readonly string[])[],
    callOptions: EmbedOptions = {},
  ): Promise<Float32Array[][]> => {
    checkGroupList(groups);
    const results: (Float32Array[] | undefined)[] = groups.map((group) =>
      group.length === 0 ? [] : undefined,
    );
    let remaining = [...groups.keys()].filter((index) => results[index] === undefined);
    const total = groups.reduce((sum, group) => sum + group.length, 0);
    let lastError: unknown;
    for (const embedding of functions as readonly DocumentGroupsEmbeddingFunction[]) {
      if (remaining.length === 0) break;
      const sent = remaining.map((index) => groups[index]!);
      const alreadyDone = total - sent.reduce((sum, group) => sum + group.length, 0);
      try {
        const vectors = await embedding.encodeDocumentGroups(sent, {
          ...callOptions,
          onProgress: offsetProgress(callOptions.onProgress, alreadyDone, total),
        });
        vectors.forEach((documentVectors, position) => {
          results[remaining[position]!] = documentVectors;
        });
        remaining = [];
        break;
      } catch (error) {
        lastError = error;
        if (EmbedkitError.isInstance(error) && error.completed) {
          wholeGroupsOf(sent, error.completed).forEach((vectors, position) => {
            if (vectors) results[remaining[position]!] = vectors;
          });
        }
        remaining = remaining.filter((index) => results[index] === undefined);
        if (!shouldFailover(error) || callOptions.signal?.aborted) break;
      }
    }
    if (remaining.length === 0) return results as Float32Array[][];
    if (EmbedkitError.isInstance(lastError)) {
      lastError.completed = completedOfGroups(groups, results);
    }
    throw lastError;
  };

  return {
    provider: primary.provider,
    model: primary.model,
    ...(primary.chunkContext === undefined ? {} : { chunkContext: primary.chunkContext }),
    ...(everyGroups ? { encodeDocumentGroups } : {}),
    get dim() {
      return primary.dim;
    },
    limits: primary.limits,
    get space() {
      return primary.space;
    },
    encodeDocuments: async (inputs, callOptions) =>
      (await run(inputs, { ...callOptions, purpose: 'document' })).vectors,
    encodeQueries: async (inputs, callOptions) =>
      (await run(inputs, { ...callOptions, purpose: 'query' })).vectors,
    embed: async (inputs, callOptions) =>
      (await run(inputs, { ...callOptions, purpose: 'default' })).vectors,
    embedWithUsage: run,
    resolveDim: (callOptions) => primary.resolveDim(callOptions),
    toConfig: () => primary.toConfig(),
  };
}

function addUsage(
  total: { tokens: number; calls: number; retries: number; rateLimited: number },
  part: { tokens: number; calls: number; retries: number; rateLimited: number },
): void {
  total.tokens += part.tokens;
  total.calls += part.calls;
  total.retries += part.retries;
  total.rateLimited += part.rateLimited;
}
