import { createHash } from 'node:crypto';
import {
  type EmbeddingSpace,
  embeddingSpaceKey,
  type Metadata,
  stableStringify,
} from '@embedkit/core';
import type { ChunkingConfig } from '../config/cli-config-schema.js';
import { chunkText } from './chunk-text.js';
import type { SourceDocument } from './read-sources.js';

/** A source document cut into chunks, with the ids and metadata its rows will have. */
export interface PlannedDocument {
  key: string;
  source: string;
  /** Changes when the text, metadata, chunking or embedding space change. */
  contentHash: string;
  chunks: string[];
  ids: string[];
  metadata: Metadata[];
}

/** The row id of chunk `index` of document `key`: stable across runs, so re-runs upsert. */
export function chunkId(key: string, index: number): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 24)}-${index}`;
}

/** Chunks a document and derives its row ids, metadata and content hash. */
export function planDocument(
  document: SourceDocument,
  chunking: ChunkingConfig,
  space: EmbeddingSpace,
): PlannedDocument {
  const contentHash = createHash('sha256')
    .update(document.text)
    .update('\u0000')
    .update(stableStringify(document.metadata))
    .update('\u0000')
    .update(stableStringify(chunking))
    .update('\u0000')
    .update(embeddingSpaceKey(space))
    .digest('hex')
    .slice(0, 32);
  const chunks = chunkText(document.text, chunking);
  return {
    key: document.key,
    source: document.source,
    contentHash,
    chunks,
    ids: chunks.map((_, index) => chunkId(document.key, index)),
    metadata: chunks.map((_, index) => ({
      ...document.metadata,
      source: document.source,
      document: document.key,
      chunk: index,
      chunks: chunks.length,
      contentHash,
    })),
  };
}
