import { createHash, type Hash } from 'node:crypto';
import {
  type EmbeddingSpace,
  embeddingSpaceKey,
  type Metadata,
  stableStringify,
} from '@embedkit/core';
import type { ChunkingConfig } from '../config/cli-config-schema.js';

/**
 * A document's content hash, fed its text piece by piece: it changes when the text, metadata,
 * chunking or embedding space change, so a stored chunk carrying it is known to be current.
 */
export interface DocumentHasher {
  update(piece: string): void;
  digest(): string;
}

export function createDocumentHasher(
  metadata: Metadata,
  chunking: ChunkingConfig,
  space: EmbeddingSpace,
): DocumentHasher {
  const hash: Hash = createHash('sha256');
  return {
    update: (piece) => {
      hash.update(piece);
    },
    digest: () =>
      hash
        .update('\u0000')
        .update(stableStringify(metadata))
        .update('\u0000')
        .update(stableStringify(chunking))
        .update('\u0000')
        .update(embeddingSpaceKey(space))
        .digest('hex')
        .slice(0, 32),
  };
}

/** The row id of chunk `index` of document `key`: stable across runs, so re-runs upsert. */
export function chunkId(key: string, index: number): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 24)}-${index}`;
}
