import { createHash } from 'node:crypto';
import { encodeBase64Floats } from '@embedkit/core';
import { matryoshka, packSignBits, semanticVector } from '../simulators/semantic-vectors.js';
import type { CohereSimulatedInput } from './cohere-request-validation.js';

/**
 * The float vector the simulator answers for one input: a `semanticVector` of the text (or of the
 * image's digest), salted by `input_type` so document and query vectors of one text differ a
 * little, cut Matryoshka-style to `output_dimension`.
 */
export function cohereSimulatedVector(
  input: CohereSimulatedInput,
  dim: number,
  inputType: string,
  outputDimension?: number,
): Float32Array {
  const text =
    'text' in input ? input.text : `image ${createHash('sha1').update(input.image).digest('hex')}`;
  const full = semanticVector(text, dim, { salt: inputType });
  return outputDimension === undefined || outputDimension === dim
    ? full
    : matryoshka(full, outputDimension);
}

/**
 * One vector in one `embedding_types` form: `float` numbers, `base64` float32 bytes, `int8` /
 * `uint8` scaled to the vector's largest magnitude (uint8 offset by 128), `ubinary` sign bits
 * packed eight per byte, most significant first, `binary` the same bytes minus 128 (signed).
 */
export function encodeCohereVector(vector: Float32Array, type: string): number[] | string {
  switch (type) {
    case 'base64':
      return encodeBase64Floats(vector);
    case 'int8':
    case 'uint8': {
      const largest = vector.reduce((max, value) => Math.max(max, Math.abs(value)), 0) || 1;
      const offset = type === 'uint8' ? 128 : 0;
      return Array.from(
        vector,
        (value) => Math.max(-128, Math.min(127, Math.round((value / largest) * 127))) + offset,
      );
    }
    case 'ubinary':
      return Array.from(packSignBits(vector));
    case 'binary':
      return Array.from(packSignBits(vector), (byte) => byte - 128);
    default:
      return Array.from(vector);
  }
}
