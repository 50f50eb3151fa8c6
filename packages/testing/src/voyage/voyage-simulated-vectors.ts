import { encodeBase64Floats } from '@embedkit/core';
import { matryoshka, packSignBits, semanticVector } from '../simulators/semantic-vectors.js';

/**
 * The vector the simulator answers for one text: a unit-length `semanticVector` at the model's
 * largest length, with the prompt Voyage prepends for `input_type` (so document and query vectors
 * of one text differ), cut Matryoshka-style to `output_dimension` or the model's default `dim`.
 */
export function voyageSimulatedVector(
  text: string,
  model: { readonly dim: number; readonly dimensions?: readonly number[] },
  inputType: 'document' | 'query' | null,
  outputDimension?: number,
): Float32Array {
  const native = Math.max(model.dim, ...(model.dimensions ?? []));
  const length = outputDimension ?? model.dim;
  const prompt =
    inputType === 'query'
      ? 'Represent the query for retrieving supporting documents: '
      : inputType === 'document'
        ? 'Represent the document for retrieval: '
        : '';
  const full = semanticVector(text, native, prompt ? { salt: prompt } : {});
  return length === native ? full : matryoshka(full, length);
}

/**
 * One vector as `output_dtype` and `encoding_format` ask: floats as numbers or base64 float32;
 * `int8` / `uint8` scaled to the largest magnitude (uint8 offset by 128); `ubinary` sign bits
 * packed eight per byte, most significant first; `binary` the same minus 128 (offset binary).
 * Quantised types in base64 are their raw bytes.
 */
export function encodeVoyageVector(
  vector: Float32Array,
  dtype: string,
  base64: boolean,
): number[] | string {
  if (dtype === 'float') return base64 ? encodeBase64Floats(vector) : Array.from(vector);
  let values: number[];
  if (dtype === 'int8' || dtype === 'uint8') {
    const largest = vector.reduce((max, value) => Math.max(max, Math.abs(value)), 0) || 1;
    const offset = dtype === 'uint8' ? 128 : 0;
    values = Array.from(
      vector,
      (value) => Math.max(-128, Math.min(127, Math.round((value / largest) * 127))) + offset,
    );
  } else {
    values = Array.from(packSignBits(vector), (byte) => (dtype === 'binary' ? byte - 128 : byte));
  }
  if (!base64) return values;
  const bytes =
    dtype === 'int8' || dtype === 'binary' ? Int8Array.from(values) : Uint8Array.from(values);
  return Buffer.from(bytes.buffer).toString('base64');
}
