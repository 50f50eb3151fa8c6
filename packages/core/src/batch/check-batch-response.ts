import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { ResponseFormatError } from '../errors/response-format-error.js';
import type { BatchResponse } from './embed-batch.js';

/** Where a batch sits in its run, so messages name the caller's input index and the model. */
export interface BatchResponseContext {
  /** Inputs the batch was sent with. */
  readonly expectedCount: number;
  /** Expected vector length; `0` accepts the first length seen and holds the rest to it. */
  readonly expectedDim: number;
  readonly provider: string;
  readonly model: string | undefined;
  /** Position of the batch's first input in the caller's array. */
  readonly offset: number;
}

/**
 * Puts a provider's vectors in request order and refuses anything misaligned or unusable: the
 * wrong count, an index missing, repeated or out of range (a `ResponseFormatError`, retryable,
 * since truncated or mangled bodies heal), a vector of the wrong length (a
 * `DimensionMismatchError`, final: a wrong model or `dimensions` setting does not fix itself), or
 * a vector holding NaN, ±Infinity or only zeros (a `ResponseFormatError`: such a vector would
 * score NaN or 0 against everything and silently ruin search).
 */
export function checkBatchResponse(
  response: BatchResponse,
  context: BatchResponseContext,
): Float32Array[] {
  const { embeddings } = response;
  const { expectedCount, provider, offset } = context;
  if (embeddings.length !== expectedCount) {
    throw new ResponseFormatError({
      provider,
      message: `${provider} returned ${embeddings.length} ${embeddings.length === 1 ? 'vector' : 'vectors'} for ${expectedCount} ${expectedCount === 1 ? 'input' : 'inputs'}; the response was refused rather than misalign vectors with texts.`,
    });
  }
  const ordered: Float32Array[] = new Array(expectedCount);
  let dim = context.expectedDim;
  for (const { index, vector } of embeddings) {
    if (!Number.isInteger(index) || index < 0 || index >= expectedCount) {
      throw new ResponseFormatError({
        provider,
        message: `${provider} returned a vector with index ${index}, outside 0..${expectedCount - 1}.`,
      });
    }
    if (ordered[index] !== undefined) {
      throw new ResponseFormatError({
        provider,
        message: `${provider} returned index ${index} twice; the response was refused.`,
      });
    }
    if (dim === 0) dim = vector.length;
    if (vector.length !== dim) {
      const model = context.model === undefined ? provider : `${provider} model ${context.model}`;
      throw new DimensionMismatchError({
        expected: dim,
        actual: vector.length,
        message: `${model} returned a vector of ${vector.length} dimensions for input ${offset + index}; expected ${dim}. Retrying cannot fix this: check the model name and the dimensions setting (or the endpoint's baseURL).`,
      });
    }
    checkVectorValues(vector, offset + index, provider);
    ordered[index] = vector;
  }
  return ordered;
}

/**
 * Refuses a vector with a non-finite value or no non-zero value. The hot pass has no branch:
 * `value - value` is 0 for every finite number and NaN for NaN and ±Infinity, so one NaN poisons
 * the sum; `value * value` sums to 0 only for an all-zero vector. Only a refused vector pays a
 * second pass, to name the position in the message.
 */
function checkVectorValues(vector: Float32Array, inputIndex: number, provider: string): void {
  const length = vector.length;
  let poison = 0;
  let energy = 0;
  for (let position = 0; position < length; position++) {
    const value = vector[position]!;
    poison += value - value;
    energy += value * value;
  }
  if (poison !== 0) {
    const position = vector.findIndex((value) => value - value !== 0);
    throw new ResponseFormatError({
      provider,
      message: `${provider} returned ${vector[position]} at position ${position} of the vector for input ${inputIndex}; a vector must hold finite numbers, so the response was refused. If this repeats, the provider or a proxy in front of it is returning corrupt vectors.`,
    });
  }
  if (energy === 0 && length > 0 && vector.every((value) => value === 0)) {
    throw new ResponseFormatError({
      provider,
      message: `${provider} returned an all-zero vector for input ${inputIndex}; it would match nothing (cosine similarity is undefined), so the response was refused. If this repeats, the provider or a proxy in front of it is returning corrupt vectors.`,
    });
  }
}
