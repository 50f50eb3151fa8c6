/** Components of a vector that identify it among a corpus' vectors (the last catches a short one). */
export const fingerprintPositions = [0, 1, 511, 1023] as const;

/**
 * What a client worker sends back per vector when the parent checks content: the length and a
 * few components. `python/jina_client.py` sends the same list.
 */
export function vectorFingerprint(vector: ArrayLike<number> | undefined): number[] {
  if (vector === undefined) return [0];
  return [vector.length, ...fingerprintPositions.map((position) => Number(vector[position]))];
}

/**
 * A fingerprint as a key, with each component rounded to float32: a float32 decode (base64) and
 * a float64 JSON parse of the same answer then give the same key.
 */
export function fingerprintKey(fingerprint: readonly (number | null)[]): string {
  const [length, ...components] = fingerprint;
  return `${length}:${components.map((value) => (value === null ? 'NaN' : Math.fround(value))).join(',')}`;
}
