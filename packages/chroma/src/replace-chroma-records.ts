import type { StoreRow } from '@embedkit/core';
import type { Collection } from 'chromadb';
import { type ChromaMetadata, toChromaMetadata } from './chroma-metadata.js';

/**
 * Writes one batch of rows (distinct ids, at most the server's batch size) so that each record
 * ends up exactly as its row says. Chroma's upsert merges the new metadata into the old one, so a
 * replaced record would keep keys its new metadata lacks (and filters would still see them): the
 * records that would are read first and deleted, then every row is upserted in one request. A
 * re-ingest with the same keys is therefore one atomic upsert; only records losing keys are
 * deleted and written again (and are missing if that write fails).
 */
export async function replaceRecords(
  handle: Collection,
  rows: readonly StoreRow[],
  options: { textKey: string | undefined; exactVectors: boolean },
): Promise<void> {
  const ids = rows.map((row) => row.id);
  const metadatas = rows.map((row) =>
    toChromaMetadata(row.metadata, {
      ...(options.textKey === undefined ? {} : { text: { key: options.textKey, value: row.text } }),
      ...(options.exactVectors ? { vector: row.vector } : {}),
    }),
  );
  const existing = await handle.get({ ids, include: ['metadatas'] as never });
  const newKeys = new Map(
    ids.map((id, index) => [id, new Set(Object.keys(metadatas[index] ?? {}))]),
  );
  const stale = existing.ids.filter((id, index) =>
    Object.keys(existing.metadatas[index] ?? {}).some((key) => !newKeys.get(id)?.has(key)),
  );
  if (stale.length > 0) await handle.delete({ ids: stale });
  await handle.upsert({
    ids,
    embeddings: rows.map((row) => Array.from(row.vector)),
    documents: rows.map((row) => row.text),
    metadatas: metadatas as ChromaMetadata[],
  });
}
