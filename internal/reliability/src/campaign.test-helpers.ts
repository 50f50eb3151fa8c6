import { createJina, type JinaEmbeddingFunction, type JinaSettings } from '@embedkit/jina';
import { milvusFields } from '@embedkit/milvus';
import { createSeededRandom } from '@embedkit/testing';
import { ConsistencyLevelEnum, MilvusClient } from '@zilliz/milvus2-sdk-node';

/** Vector length used throughout: small vectors keep 5,000 documents fast. */
export const campaignDimensions = 64;

/** Per-attempt timeout: stalled responses are cut here and retried. */
export const campaignTimeoutMs = 1000;

const vocabulary = (
  'river glacier honey bee octopus volcano transistor telegraph sourdough compost marathon ' +
  'orbit comet lantern harbour falcon meadow copper quartz violin pepper saffron tide canyon ' +
  'rover crater signal archive ledger bridge'
).split(' ');

/**
 * `count` short, distinct documents (at most 16,384 rows are read back by `readCollection`), each `chunks` sentences long, reproducible from `seed`.
 * The document number is in every chunk, so a request's body says which documents it carried.
 */
export function campaignDocuments(count: number, chunks = 1, seed = 11): string[][] {
  const random = createSeededRandom(seed);
  const word = () => vocabulary[Math.floor(random() * vocabulary.length)]!;
  return Array.from({ length: count }, (_, document) =>
    Array.from(
      { length: chunks },
      (_, chunk) => `doc${document} part${chunk}: ${word()} ${word()} ${word()} ${word()}.`,
    ),
  );
}

/** The document number a chunk text carries (see `campaignDocuments`). */
export function documentOf(text: string): number {
  return Number(/^doc(\d+) /.exec(text)?.[1] ?? -1);
}

/**
 * A Jina function for the campaign: small vectors, a short per-attempt timeout and short
 * backoff delays, with `Retry-After` honoured up to its 1 s.
 */
export function campaignJina(
  baseURL: string,
  apiKey: string,
  { retry, ...settings }: JinaSettings = {},
): JinaEmbeddingFunction {
  return createJina(
    {
      baseURL,
      dimensions: campaignDimensions,
      timeoutMs: campaignTimeoutMs,
      concurrency: 4,
      ...settings,
      retry: { maxRetries: 10, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 1000, ...retry },
    },
    { apiKey },
  );
}

/**
 * Reads every row of a collection straight from Milvus (ids and vectors), bypassing the store,
 * so duplicates and altered vectors cannot hide behind the store's own reading code.
 */
export async function readCollection(
  address: string,
  collection: string,
): Promise<Map<string, Float32Array> & { rows: number }> {
  const client = new MilvusClient({ address });
  try {
    const vectors = new Map<string, Float32Array>() as Map<string, Float32Array> & {
      rows: number;
    };
    vectors.rows = 0;
    await client.loadCollection({ collection_name: collection });
    const result = await client.query({
      collection_name: collection,
      filter: `${milvusFields.id} != ""`,
      output_fields: [milvusFields.id, milvusFields.vector],
      limit: 16_384,
      consistency_level: ConsistencyLevelEnum.Strong,
    });
    for (const row of result.data) {
      vectors.rows++;
      vectors.set(
        String(row[milvusFields.id]),
        Float32Array.from(row[milvusFields.vector] as number[]),
      );
    }
    return vectors;
  } finally {
    await client.closeConnection();
  }
}

/** Every stored chunk text, as Milvus holds it (duplicates included). */
export async function readStoredTexts(address: string, collection: string): Promise<string[]> {
  const client = new MilvusClient({ address });
  try {
    await client.loadCollection({ collection_name: collection });
    const result = await client.query({
      collection_name: collection,
      filter: `${milvusFields.id} != ""`,
      output_fields: [milvusFields.text],
      limit: 16_384,
      consistency_level: ConsistencyLevelEnum.Strong,
    });
    return result.data.map((row) => String(row[milvusFields.text]));
  } finally {
    await client.closeConnection();
  }
}
