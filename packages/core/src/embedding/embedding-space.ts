import type { JsonValue } from './embedding-config.js';

/**
 * What makes two functions' vectors comparable: the model family, the model, the dimension and
 * whatever else changes the vectors (normalisation, for instance). Operational settings such as
 * concurrency or base URL are not part of it, so the same model behind two endpoints is one space.
 */
export interface EmbeddingSpace {
  /** The vector family, usually the provider id; two providers serving one model may share it. */
  family: string;
  model: string;
  dim: number;
  [property: string]: JsonValue;
}

/** A stable string key for a space: equal spaces give equal keys. */
export function embeddingSpaceKey(space: EmbeddingSpace): string {
  return stableStringify(space);
}

/** Whether vectors from the two spaces can be compared. */
export function isSameEmbeddingSpace(left: EmbeddingSpace, right: EmbeddingSpace): boolean {
  return embeddingSpaceKey(left) === embeddingSpaceKey(right);
}

/** Human-readable summary for error messages, e.g. `jina/jina-embeddings-v3 (1024 dims)`. */
export function describeEmbeddingSpace(space: EmbeddingSpace): string {
  const extras = Object.entries(space)
    .filter(([key]) => key !== 'family' && key !== 'model' && key !== 'dim')
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  const suffix = extras.length > 0 ? `, ${extras.join(', ')}` : '';
  return `${space.family}/${space.model} (${space.dim} dims${suffix})`;
}

/** JSON with object keys sorted, so equal values always give the same text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableStringify(entry)}`).join(',')}}`;
}
