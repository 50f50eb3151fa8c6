import type { BatchResponse } from '../batch/embed-batch.js';
import { fakeProvider, type RecordedCall, vectorFor } from '../batch/fake-provider.test-helpers.js';
import { ApiCallError } from '../errors/api-call-error.js';
import {
  createEmbeddingFunction,
  type ProviderEmbeddingFunction,
} from './create-embedding-function.js';
import type { ChunkContext } from './embedding-function.js';

/** A full embedding function over a scriptable fake provider, without retry delays. */
export function fakeEmbedding(
  options: {
    model?: string;
    dim?: number;
    maxInputsPerCall?: number;
    maxRetries?: number;
    chunkContext?: ChunkContext;
    behave?: (call: RecordedCall, callNumber: number) => Promise<BatchResponse> | BatchResponse;
  } = {},
): ProviderEmbeddingFunction & { calls: RecordedCall[] } {
  const provider = fakeProvider({ dim: options.dim ?? 4, behave: options.behave });
  const embedding = createEmbeddingFunction({
    provider: 'fake',
    model: options.model ?? 'fake-model',
    dim: provider.dim,
    limits: {
      maxInputsPerCall: options.maxInputsPerCall ?? 2,
      supportsParallelCalls: true,
      concurrency: 1,
    },
    settings: {},
    embedBatch: provider.embedBatch,
    retry: { maxRetries: options.maxRetries ?? 0, baseDelayMs: 1, maxDelayMs: 1 },
    chunkContext: options.chunkContext,
  });
  return Object.assign(embedding, { calls: provider.calls });
}

/**
 * A late-chunking fake: each chunk's vector depends on every input of its call (as Jina's late
 * chunking pools over the whole request), so merging or splitting documents shows in the vectors.
 */
export function lateChunkingFakeEmbedding(
  options: { maxInputsPerCall?: number; fail?: (call: RecordedCall) => boolean } = {},
): ProviderEmbeddingFunction & { calls: RecordedCall[] } {
  return fakeEmbedding({
    maxInputsPerCall: options.maxInputsPerCall ?? 16,
    chunkContext: 'document',
    behave: (call) => {
      if (options.fail?.(call)) {
        throw new ApiCallError({ provider: 'fake', status: 503, message: 'unavailable' });
      }
      return contextualAnswer(call.inputs);
    },
  });
}

/** The vectors a late-chunking provider returns for one document sent as one call. */
export function contextualAnswer(chunks: readonly string[]): BatchResponse {
  const context = chunks.join('\u0001');
  return {
    embeddings: chunks.map((text, index) => ({
      index,
      vector: vectorFor(`${text}@${context}`, 4),
    })),
  };
}
