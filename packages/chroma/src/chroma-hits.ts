import type { SearchResult, StoredField } from '@embedkit/core';
import type { Collection } from 'chromadb';
import type { ChromaSpace } from './chroma-collection-record.js';
import { fromChromaMetadata } from './chroma-metadata.js';
import type { ChromaWhere } from './chroma-where.js';

/** One nearest-neighbour search, as the driver runs it. */
export interface ChromaNearestQuery {
  handle: Collection;
  vector: number[];
  topK: number;
  where: ChromaWhere | undefined;
  space: ChromaSpace;
  outputFields: readonly StoredField[];
  /** The metadata key holding the text, when it is not the record's document. */
  textKey: string | undefined;
}

/**
 * Chroma's distance as embedkit's score: cosine distance `1 − cos` → cosine similarity `1 − d`;
 * ip distance `1 − a·b` → inner product `1 − d`; l2 is already the squared Euclidean distance.
 */
export function scoreOfDistance(space: ChromaSpace, distance: number): number {
  return space === 'l2' ? distance : 1 - distance;
}

/**
 * The `topK` nearest records, best first, equal scores by id ascending, everything when `topK`
 * exceeds what matches. Chroma orders ties arbitrarily and may cut a tie at `topK`, so the driver
 * asks for one more than it needs and, while that extra hit still ties with the last one kept,
 * asks for twice as many; then it sorts by (distance, id) itself.
 */
export async function queryNearest(query: ChromaNearestQuery): Promise<SearchResult[]> {
  const { handle, vector, topK, where, space, outputFields, textKey } = query;
  const wantsText = outputFields.includes('text');
  const wantsMetadata = outputFields.includes('metadata');
  const include: ('distances' | 'documents' | 'metadatas')[] = ['distances'];
  if (wantsText && textKey === undefined) include.push('documents');
  if (wantsMetadata || (wantsText && textKey !== undefined)) include.push('metadatas');
  let asked = topK + 1;
  for (;;) {
    const result = await handle.query({
      queryEmbeddings: [vector],
      nResults: asked,
      include: include as never,
      ...(where ? { where: where as never } : {}),
    });
    const ids = result.ids[0] ?? [];
    const distances = (result.distances[0] ?? []) as (number | null)[];
    const complete = ids.length < asked || distances[topK] !== distances[topK - 1];
    if (!complete) {
      asked *= 2;
      continue;
    }
    const documents = result.documents[0] ?? [];
    const metadatas = (result.metadatas[0] ?? []) as (Record<string, unknown> | null)[];
    return ids
      .map((id, index) => ({ id, index, distance: distances[index] ?? Number.POSITIVE_INFINITY }))
      .sort(
        (left, right) =>
          left.distance - right.distance || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
      )
      .slice(0, topK)
      .map(({ id, index, distance }) => {
        const stored = metadatas[index];
        const text = !wantsText
          ? ''
          : textKey === undefined
            ? (documents[index] ?? '')
            : String(stored?.[textKey] ?? '');
        return {
          id,
          text,
          metadata: wantsMetadata ? fromChromaMetadata(stored, textKey) : {},
          score: scoreOfDistance(space, distance),
        };
      });
  }
}
