/** FNV-1a, 32-bit: fast, dependency-free and stable across platforms and releases. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let position = 0; position < text.length; position++) {
    hash ^= text.charCodeAt(position);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const wordPattern = /[\p{L}\p{N}]+/gu;

/** Lower-cased words of a text (letters and digits in any script). */
export function words(text: string): string[] {
  return text.toLowerCase().match(wordPattern) ?? [];
}

/**
 * Adds one feature to a vector by the hashing trick: the hash picks the slot, a second hash
 * picks the sign, so collisions cancel out on average instead of piling up.
 */
export function addFeature(vector: Float32Array, feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const slot = hash % vector.length;
  const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
  vector[slot] = vector[slot]! + sign * weight;
}
