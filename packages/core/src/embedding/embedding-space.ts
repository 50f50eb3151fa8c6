import { stableStringify } from '../json/stable-stringify.js';
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
