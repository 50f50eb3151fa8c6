import { createHash } from 'node:crypto';

/**
 * Deterministic vectors that carry meaning, for simulators: texts that share words are closer
 * (cosine) than texts that do not. Built by the hashing trick over lower-cased words (weight 1),
 * five-letter word stems (weight 0.5, so "vector" and "vectors" meet) and word bigrams
 * (weight 0.5), then L2-normalised. No model, no download, stable across
 * platforms and releases, so tests can compute the expected vector themselves.
 */
export interface SemanticVectorOptions {
  /**
   * Extra feature mixed in with a small weight, e.g. the task name, so `retrieval.query` and
   * `retrieval.passage` vectors of one text differ slightly, as they do for real models.
   */
  readonly salt?: string;
  /** Weight of the salt feature. Default 0.25. */
  readonly saltWeight?: number;
  /** L2-normalise the result. Default true. */
  readonly normalize?: boolean;
}

/** The vector for one text. `dim` is the full length; see `matryoshka` for shorter prefixes. */
export function semanticVector(
  text: string,
  dim: number,
  options: SemanticVectorOptions = {},
): Float32Array {
  const vector = new Float32Array(dim);
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let position = 0; position < tokens.length; position++) {
    addFeature(vector, `w:${tokens[position]}`, 1);
    if (tokens[position]!.length > 4) addFeature(vector, `s:${tokens[position]!.slice(0, 5)}`, 0.5);
    if (position > 0) addFeature(vector, `b:${tokens[position - 1]} ${tokens[position]}`, 0.5);
  }
  if (tokens.length === 0) addFeature(vector, `empty:${text}`, 1);
  if (options.salt !== undefined)
    addFeature(vector, `salt:${options.salt}`, options.saltWeight ?? 0.25);
  return options.normalize === false ? vector : normalized(vector);
}

/**
 * Late-chunking vectors: each text's vector depends on every text in the request, the way a
 * service that embeds the concatenation and mean-pools each span does. Each result is
 * `normalise(own + contextWeight * normalise(sum of all))`, so the same chunk sent with a
 * different set of neighbours gets a measurably different vector, and a test can recompute the
 * expected vectors for exactly the group it meant to send.
 */
export function contextualVectors(
  texts: readonly string[],
  dim: number,
  options: SemanticVectorOptions & { readonly contextWeight?: number } = {},
): Float32Array[] {
  const own = texts.map((text) => semanticVector(text, dim, options));
  const context = new Float32Array(dim);
  for (const vector of own) for (let slot = 0; slot < dim; slot++) context[slot]! += vector[slot]!;
  const contextUnit = normalized(context);
  const weight = options.contextWeight ?? 0.5;
  return own.map((vector) => {
    const mixed = new Float32Array(dim);
    for (let slot = 0; slot < dim; slot++)
      mixed[slot] = vector[slot]! + weight * contextUnit[slot]!;
    return options.normalize === false ? mixed : normalized(mixed);
  });
}

/**
 * Matryoshka truncation: keeps the first `dimensions` values and renormalises (when asked), the
 * way models trained for it serve a shorter `dimensions`. A short text's few features can all
 * fall beyond the prefix; a real model never answers with an all-zero vector (and core refuses
 * one), so then the dropped values are folded into the prefix (slot modulo `dimensions`).
 */
export function matryoshka(
  vector: Float32Array,
  dimensions: number,
  normalize = true,
): Float32Array {
  const prefix = vector.slice(0, dimensions);
  if (prefix.every((value) => value === 0)) {
    for (let slot = dimensions; slot < vector.length; slot++) {
      prefix[slot % dimensions]! += vector[slot]!;
    }
  }
  return normalize ? normalized(prefix) : prefix;
}

/** Unit-length copy (a zero vector stays zero). */
export function normalized(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const length = Math.sqrt(sum);
  if (length === 0) return vector.slice();
  const result = new Float32Array(vector.length);
  for (let slot = 0; slot < vector.length; slot++) result[slot] = vector[slot]! / length;
  return result;
}

/** Cosine similarity of two equal-length vectors. */
export function cosine(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let dot = 0;
  let leftSum = 0;
  let rightSum = 0;
  for (let slot = 0; slot < left.length; slot++) {
    dot += left[slot]! * right[slot]!;
    leftSum += left[slot]! * left[slot]!;
    rightSum += right[slot]! * right[slot]!;
  }
  return leftSum === 0 || rightSum === 0 ? 0 : dot / Math.sqrt(leftSum * rightSum);
}

/**
 * Packs a vector into sign bits, eight per byte, most significant bit first (bit set when the
 * value is positive): the `binary` / `ubinary` embedding types of Jina and Cohere.
 */
export function packSignBits(vector: Float32Array): Uint8Array {
  const packed = new Uint8Array(Math.ceil(vector.length / 8));
  for (let slot = 0; slot < vector.length; slot++) {
    if (vector[slot]! > 0) packed[slot >> 3]! |= 0x80 >> (slot & 7);
  }
  return packed;
}

function addFeature(vector: Float32Array, feature: string, weight: number): void {
  const digest = createHash('sha1').update(feature).digest();
  const spread = Math.min(4, vector.length);
  for (let copy = 0; copy < spread; copy++) {
    const slot = digest.readUInt32LE(copy * 4) % vector.length;
    const sign = digest[16 + copy]! & 1 ? 1 : -1;
    vector[slot]! += (sign * weight) / Math.sqrt(spread);
  }
}
