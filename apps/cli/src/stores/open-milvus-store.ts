import type { EmbeddingFunction } from '@embedkit/core';
import { NotSupportedError } from '@embedkit/core';
import type { StoreConfig } from '../config/cli-config-schema.js';
import type { OpenedStore } from './open-store.js';

/** Opens a Milvus or Milvus Lite store (wired to @embedkit/milvus). */
export async function openMilvusStore(
  config: StoreConfig,
  _embedding: EmbeddingFunction,
): Promise<OpenedStore> {
  throw new NotSupportedError({ message: `The ${config.kind} store is not wired yet.` });
}
