import { z } from 'zod';
import { describeValue } from '../embedding/validate-text-inputs.js';
import { ResponseFormatError } from '../errors/response-format-error.js';
import { decodeBase64Floats } from './base64-floats.js';

/**
 * One float vector as a provider sends it: base64 of little-endian float32 bytes, or a JSON list
 * that should hold numbers (checked here, so a response schema need not walk every value).
 */
export type EncodedFloatVector = string | readonly unknown[];

/**
 * The response-schema check for an `EncodedFloatVector`: a string or a list, nothing more. A
 * list's values are checked while `decodeFloatVectors` copies them, because a schema per value
 * costs more than the rest of the decode for a float response (a million values per full batch).
 */
export const encodedFloatVector = z.custom<EncodedFloatVector>(
  (value) => typeof value === 'string' || Array.isArray(value),
  { error: 'expected a base64 string or a list of numbers' },
);

/** How `decodeFloatVectors` names what it refuses. */
export interface DecodeFloatVectorsOptions {
  /** Provider id, for the `ResponseFormatError`. */
  readonly provider: string;
  /**
   * Names the vector at `position` in the list for messages, e.g. `item 3 of jina-embeddings-v3`
   * (the response's own index is more useful to a reader than the list position).
   */
  readonly describe?: (position: number) => string;
  /** What a reader should do about a bad base64 vector; default: it may have been cut off. */
  readonly base64Advice?: string;
}

/**
 * Decodes all float vectors of one response into ONE `Float32Array` and returns a `subarray`
 * view per vector, in list order. Vectors may differ in length (the batch runner reports that).
 *
 * The views share one buffer per response: keeping any one vector keeps its whole response's
 * buffer alive, and `vector.slice()` copies one out when it is kept long on its own (caches do).
 * Why: one allocation per response instead of one per vector (thousands for a full batch) means
 * less allocator and per-buffer overhead and less fragmentation, which is most of the memory a
 * client holding many vectors spends beyond the floats themselves. Base64 is written straight
 * into the shared buffer, with no temporary per vector; number lists are copied with a plain
 * type check per value, with no schema per value.
 *
 * Throws `ResponseFormatError` for a base64 string that is not a whole number of float32 values
 * or decodes to fewer bytes than its length implies, and for a list holding a non-number.
 */
export function decodeFloatVectors(
  encoded: readonly EncodedFloatVector[],
  options: DecodeFloatVectorsOptions,
): Float32Array[] {
  const lengths = encoded.map((vector, position) => floatCount(vector, position, options));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const floats = new Float32Array(total);
  const bytes = Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
  const vectors: Float32Array[] = new Array(encoded.length);
  let offset = 0;
  for (let position = 0; position < encoded.length; position++) {
    const vector = encoded[position]!;
    const length = lengths[position]!;
    if (typeof vector === 'string') {
      writeBase64(vector, bytes, offset, length, position, options);
    } else {
      copyNumbers(vector, floats, offset, position, options);
    }
    vectors[position] = floats.subarray(offset, offset + length);
    offset += length;
  }
  return vectors;
}

/** Floats in one encoded vector, from its length alone (nothing decoded yet). */
function floatCount(
  vector: EncodedFloatVector,
  position: number,
  options: DecodeFloatVectorsOptions,
): number {
  if (Array.isArray(vector)) return vector.length;
  if (typeof vector !== 'string') {
    throw refuse(
      options,
      position,
      `that is ${describeValue(vector)}, neither a base64 string nor a list of numbers; the response was refused.`,
    );
  }
  const byteCount = Buffer.byteLength(vector, 'base64');
  if (byteCount % 4 !== 0) {
    throw refuse(
      options,
      position,
      `that does not decode to float32 values (${vector.length} characters, ${byteCount} bytes, not a multiple of 4); ${advice(options)}`,
      'base64 ',
    );
  }
  return byteCount / 4;
}

function writeBase64(
  vector: string,
  bytes: Buffer,
  offset: number,
  length: number,
  position: number,
  options: DecodeFloatVectorsOptions,
): void {
  const written = littleEndian
    ? bytes.write(vector, offset * 4, length * 4, 'base64')
    : writeSwapped(vector, bytes, offset, length);
  if (written !== length * 4) {
    throw refuse(
      options,
      position,
      `that decodes to ${written} bytes, not the ${length * 4} its ${vector.length} characters imply (it holds characters outside base64); ${advice(options)}`,
      'base64 ',
    );
  }
}

function copyNumbers(
  vector: readonly unknown[],
  floats: Float32Array,
  offset: number,
  position: number,
  options: DecodeFloatVectorsOptions,
): void {
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index];
    if (typeof value !== 'number') {
      throw refuse(
        options,
        position,
        `that holds ${describeValue(value)} at position ${index}, not a number; the response was refused.`,
        'float ',
      );
    }
    floats[offset + index] = value;
  }
}

/** Big-endian platforms: decode with byte swapping, then copy in (never taken on x86 or ARM). */
function writeSwapped(vector: string, bytes: Buffer, offset: number, length: number): number {
  const decoded = decodeBase64Floats(vector);
  if (decoded.length === length) {
    new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).set(decoded, offset);
  }
  return decoded.length * 4;
}

function refuse(
  options: DecodeFloatVectorsOptions,
  position: number,
  problem: string,
  kind = '',
): ResponseFormatError {
  const name = options.describe?.(position) ?? `vector ${position}`;
  return new ResponseFormatError({
    provider: options.provider,
    message: `${options.provider} sent a ${kind}vector for ${name} ${problem}`,
  });
}

function advice(options: DecodeFloatVectorsOptions): string {
  return options.base64Advice ?? 'it may have been cut off.';
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
