import { ResponseFormatError } from '../errors/response-format-error.js';
import type { BatchResponse } from './embed-batch.js';

/**
 * Puts a provider's vectors in request order and refuses anything misaligned: the wrong count,
 * an index missing, repeated or out of range, or a vector of the wrong length. `expectedDim` of
 * `0` accepts the first length seen and holds the rest to it.
 */
export function checkBatchResponse(
  response: BatchResponse,
  expectedCount: number,
  expectedDim: number,
  provider: string,
): Float32Array[] {
  const { embeddings } = response;
  if (embeddings.length !== expectedCount) {
    throw new ResponseFormatError({
      provider,
      message: `${provider} returned ${embeddings.length} ${embeddings.length === 1 ? 'vector' : 'vectors'} for ${expectedCount} ${expectedCount === 1 ? 'input' : 'inputs'}; the response was refused rather than misalign vectors with texts.`,
    });
  }
  const ordered: Float32Array[] = new Array(expectedCount);
  let dim = expectedDim;
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
      throw new ResponseFormatError({
        provider,
        message: `${provider} returned a vector of length ${vector.length} at index ${index}; expected ${dim}.`,
      });
    }
    ordered[index] = vector;
  }
  return ordered;
}
