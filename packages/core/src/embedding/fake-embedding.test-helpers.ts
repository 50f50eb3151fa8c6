import type { BatchResponse } from '../batch/embed-batch.js';
import { fakeProvider, type RecordedCall } from '../batch/fake-provider.test-helpers.js';
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
