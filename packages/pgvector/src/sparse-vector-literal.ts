import { InvalidInputError, type SparseVector } from '@embedkit/core';

/**
 * The dimension of every `sparsevec` column and query embedkit writes: pgvector's largest. Core
 * does not tell a driver the sparse embedding's own dimension (caller-given sparse vectors have
 * none), and a `sparsevec`'s dimension is only a number in its header, so one fixed space keeps
 * every row comparable with every query whatever produced them.
 */
export const sparseDimensions = 1_000_000_000;

/** pgvector's cap on the non-zero entries of one `sparsevec`. */
export const maxSparseNonZeros = 16_000;

/**
 * Refuses a sparse vector pgvector cannot hold: an index at or past `sparseDimensions`, or more
 * than `maxSparseNonZeros` entries; `what` names the vector in the message.
 */
export function checkStorableSparseVector(vector: SparseVector, what: string): void {
  const last = vector.indices.at(-1);
  if (last !== undefined && last >= sparseDimensions) {
    throw new InvalidInputError({
      message: `${what} has index ${last}, but pgvector's sparsevec holds indices below ${sparseDimensions.toLocaleString('en-US')}; use a sparse embedding with a smaller space (hash or cap its vocabulary).`,
    });
  }
  if (vector.indices.length > maxSparseNonZeros) {
    throw new InvalidInputError({
      message: `${what} has ${vector.indices.length} non-zero entries, but pgvector's sparsevec holds at most ${maxSparseNonZeros.toLocaleString('en-US')}; keep the largest weights only.`,
    });
  }
}

/**
 * A sparse vector in pgvector's text form (`{i:v,…}/dim`, indices 1-based, so each embedkit
 * index plus one), bound as one parameter and cast with `::sparsevec`. Values print as the
 * shortest decimal that reads back to the same float32.
 */
export function sparseVectorLiteral(vector: SparseVector): string {
  const entries: string[] = [];
  for (let position = 0; position < vector.indices.length; position += 1) {
    entries.push(`${vector.indices[position]! + 1}:${vector.values[position]!}`);
  }
  return `{${entries.join(',')}}/${sparseDimensions}`;
}

/** The vector's indices as a PostgreSQL `int4[]` literal (`{3,7}`), 0-based as embedkit's. */
export function sparseTermsLiteral(vector: SparseVector): string {
  return `{${Array.from(vector.indices).join(',')}}`;
}

/**
 * A stored sparse vector back from pgvector's text form and the row's term list. pgvector drops
 * entries whose value is zero, so the terms (every index written) restore them as zeros and the
 * vector comes back exactly as it was given.
 */
export function parseSparseVector(text: string, terms: readonly number[]): SparseVector {
  const values = new Map<number, number>();
  const inner = text.trim().replace(/^\{|\}\/\d+$/g, '');
  if (inner !== '') {
    for (const entry of inner.split(',')) {
      const [index, value] = entry.split(':');
      values.set(Number(index) - 1, Number(value));
    }
  }
  const indices = Uint32Array.from(terms);
  return { indices, values: Float32Array.from(indices, (index) => values.get(index) ?? 0) };
}
