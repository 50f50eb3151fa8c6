import type { EmbedPurpose } from '../embedding/embedding-function.js';

/** One provider call's worth of inputs, planned by the batch runner. */
export interface BatchRequest<Input = string> {
  readonly inputs: readonly Input[];
  readonly purpose: EmbedPurpose;
  /** Per-call task override from `EmbedOptions.task`. */
  readonly task: string | undefined;
  /** Fires on the caller's abort and on this attempt's timeout; pass it to the HTTP call. */
  readonly signal: AbortSignal;
  /** Extra headers from `EmbedOptions.headers`. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** True when `inputs` is one atomic group (one late-chunked document). */
  readonly atomic: boolean;
}

/** One vector with its position in the batch, as the provider's response numbered it. */
export interface IndexedVector {
  /** Position within `BatchRequest.inputs` (not the caller's whole array). */
  readonly index: number;
  readonly vector: Float32Array;
}

/** What a provider returns for one call. The runner checks count, indices and lengths. */
export interface BatchResponse {
  readonly embeddings: readonly IndexedVector[];
  /** Tokens the provider billed for this call, when it says. */
  readonly tokens?: number;
}

/**
 * The one thing a provider implements: embed exactly one batch with exactly one call. Everything
 * else (splitting, concurrency, retries, timeouts, order, progress) is the batch runner's job.
 * Throw core's typed errors (`ApiCallError` and subclasses, `BatchTooLargeError` for "too many
 * tokens") so the runner knows what to retry.
 */
export type EmbedBatch<Input = string> = (request: BatchRequest<Input>) => Promise<BatchResponse>;
