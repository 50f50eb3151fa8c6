/** A vector as any of the shapes users hold them in. */
export type VectorLike = Float32Array | Float64Array | readonly number[];

/** Euclidean length. */
export function norm(vector: VectorLike): number {
  let sum = 0;
  for (let index = 0; index < vector.length; index++) sum += vector[index]! * vector[index]!;
  return Math.sqrt(sum);
}

/** Scales `vector` to unit length in place and returns it; a zero vector stays zero. */
export function normalize<Vector extends Float32Array | Float64Array | number[]>(
  vector: Vector,
): Vector {
  const length = norm(vector);
  if (length > 0) {
    for (let index = 0; index < vector.length; index++) vector[index] = vector[index]! / length;
  }
  return vector;
}
