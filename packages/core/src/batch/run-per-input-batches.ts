import type { EmbedOptions } from '../embedding/embed-options.js';
import type { EmbedUsage } from '../embedding/embed-result.js';
import type { EmbedPurpose } from '../embedding/embedding-function.js';
import type { BatchLimits } from './batch-limits.js';
import type { BatchRequest } from './embed-batch.js';
import type { RateBudget } from './rate-budget.js';
import type { RetryPolicy } from './retry-policy.js';
import { runBatches } from './run-batches.js';

/** What one call returns for its inputs: a result per position in the call, by response index. */
export interface PerInputBatchResponse<Result> {
  readonly results: readonly { readonly index: number; readonly result: Result }[];
  readonly tokens?: number;
}

/** Everything `runPerInputBatches` needs besides the inputs. */
export interface PerInputBatchOptions<Input, Result> extends Omit<EmbedOptions, 'allowEmpty'> {
  readonly provider: string;
  readonly limits: BatchLimits;
  readonly purpose: EmbedPurpose;
  readonly estimateTokens: (input: Input) => number;
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs?: number;
  /** Paces the calls to the key's published limits, shared with other calls on the same key. */
  readonly rateBudget?: RateBudget;
  /** One HTTP call for `request.inputs`. */
  readonly call: (request: BatchRequest<Input>) => Promise<PerInputBatchResponse<Result>>;
}

/**
 * Runs calls whose per-input result is not one float vector (many vectors per input, packed
 * bits, rerank scores) through core's batch runner, so they get the same batching, concurrency,
 * retries, timeouts, abort and count/index checks as embeddings. The runner sees a one-value
 * placeholder per input; the real results are collected by input position.
 */
export async function runPerInputBatches<Input, Result>(
  inputs: readonly Input[],
  options: PerInputBatchOptions<Input, Result>,
): Promise<{ results: Result[]; tokens: number; usage: EmbedUsage }> {
  const results: Result[] = new Array(inputs.length);
  const positions = inputs.map((_, position) => position);
  const { usage } = await runBatches<number>({
    ...options,
    inputs: positions,
    dim: 1,
    estimateTokens: (position) => options.estimateTokens(inputs[position]!),
    embedBatch: async (request) => {
      const response = await options.call({
        ...request,
        inputs: request.inputs.map((position) => inputs[position]!),
      });
      // The runner holds a one-value placeholder per input (the real results live in
      // `results`); it is non-zero because the runner refuses all-zero vectors.
      const embeddings = response.results.map(({ index, result }) => {
        const position = request.inputs[index];
        if (position !== undefined) results[position] = result;
        return { index, vector: Float32Array.of(1) };
      });
      return { embeddings, tokens: response.tokens };
    },
  });
  return { results, tokens: usage.tokens, usage };
}
