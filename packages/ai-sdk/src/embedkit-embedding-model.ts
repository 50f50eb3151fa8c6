import type { EmbeddingModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { EmbeddingFunction, EmbedProgress, EmbedPurpose } from '@embedkit/core';

/** Options of `toAiSdk`. */
export interface EmbedkitEmbeddingModelOptions {
  /**
   * Which encode method `embed` / `embedMany` use: `document` → `encodeDocuments`, `query` →
   * `encodeQueries`, `default` → `embed` (the function's configured task). A call can override
   * it with `providerOptions: { embedkit: { purpose: 'query' } }`. Default `default`.
   */
  purpose?: EmbedPurpose;
  /** Called after every provider call embedkit makes (done, total, tokens, retries). */
  onProgress?: (progress: EmbedProgress) => void;
}

/** What a call may pass as `providerOptions.embedkit`. */
export interface EmbedkitProviderOptions {
  purpose?: EmbedPurpose;
  /** Per-call task override (`EmbedOptions.task`). */
  task?: string;
}

const purposes: readonly EmbedPurpose[] = ['document', 'query', 'default'];

/**
 * Exposes an embedkit `EmbeddingFunction` as an AI SDK embedding model (specification v3), for
 * `embed`, `embedMany` and anything else that takes one. It declares no per-call cap and parallel
 * support, so `embedMany` hands all values to one `doEmbed` and embedkit's runner does the
 * batching under the provider's real caps, pacing, retries and ordering. embedkit's errors are
 * not the AI SDK's `APICallError`, so `embedMany`'s `maxRetries` never repeats a call embedkit
 * already retried: retries happen once, as the function's `retry` setting says. Usage is the
 * provider's billed tokens; `providerMetadata.embedkit` adds calls, retries and 429s.
 */
export function toAiSdk(
  embedding: EmbeddingFunction,
  options: EmbedkitEmbeddingModelOptions = {},
): EmbeddingModelV3 {
  return {
    specificationVersion: 'v3',
    provider: `embedkit.${embedding.provider}`,
    modelId: embedding.model,
    maxEmbeddingsPerCall: Number.POSITIVE_INFINITY,
    supportsParallelCalls: true,
    async doEmbed(call) {
      const own = readOwnOptions(call.providerOptions);
      const headers = definedHeaders(call.headers);
      const result = await embedding.embedWithUsage(call.values, {
        purpose: own.purpose ?? options.purpose ?? 'default',
        ...(own.task === undefined ? {} : { task: own.task }),
        ...(call.abortSignal ? { signal: call.abortSignal } : {}),
        ...(headers ? { headers } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      return {
        embeddings: result.vectors.map((vector) => Array.from(vector)),
        usage: { tokens: result.usage.tokens },
        providerMetadata: {
          embedkit: {
            calls: result.usage.calls,
            retries: result.usage.retries,
            rateLimited: result.usage.rateLimited,
          },
        },
        warnings: [],
      };
    },
  };
}

function readOwnOptions(providerOptions: SharedV3ProviderOptions | undefined) {
  const own = providerOptions?.embedkit ?? {};
  const purpose = own.purpose;
  if (purpose !== undefined && !purposes.includes(purpose as EmbedPurpose)) {
    throw new TypeError(
      `providerOptions.embedkit.purpose must be one of ${purposes.join(', ')}; got ${JSON.stringify(purpose)}.`,
    );
  }
  const task = own.task;
  return {
    purpose: purpose as EmbedPurpose | undefined,
    task: typeof task === 'string' ? task : undefined,
  } satisfies EmbedkitProviderOptions;
}

function definedHeaders(
  headers: Record<string, string | undefined> | undefined,
): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  const entries = Object.entries(headers).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
