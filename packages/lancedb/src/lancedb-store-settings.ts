import type { EmbeddingFunction } from '@embedkit/core';
import type { Connection } from '@lancedb/lancedb';
import { z } from 'zod';

/** Where the data lives when no URI is given: the CLI's data folder, beside its other stores. */
export const defaultLanceUri = '.embedkit/lancedb';

const columnName = z
  .string()
  .min(1)
  .refine(
    (name) => !name.includes('`'),
    'column names with a backtick cannot be quoted in LanceDB SQL',
  );

/**
 * Column names of a collection's table. embedkit creates its tables with these names; a table
 * made by another tool is read through them (`{ id: 'doc_id', vector: 'embedding' }`).
 */
export const lanceFieldsSetting = z
  .object({
    /** Unique text id. Default `id`. */
    id: columnName.default('id'),
    /** Fixed-size list of float32. Default `vector`. */
    vector: columnName.default('vector'),
    /** Text. Default `text`. */
    text: columnName.default('text'),
    /** JSON metadata: Lance's JSON type (filterable) or a JSON string. Default `metadata`. */
    metadata: columnName.default('metadata'),
  })
  .strict();

/** A collection is a LanceDB table. */
export const lanceCollectionName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "-" and "." only (LanceDB table names)')
  .max(200);

/** Vector metric; fixed when the collection is created. */
export const lanceMetricSetting = z.enum(['cosine', 'ip', 'l2']);

/** Everything about the engine except the collection: where, indexes, query tuning. */
export const lanceEngineSettings = {
  /**
   * A local folder (created when missing), or an object-store URI (`s3://bucket/path`,
   * `gs://…`, `az://…`) or LanceDB Cloud (`db://name`) passed to `connect` unchanged. Default
   * `.embedkit/lancedb`.
   */
  uri: z.string().min(1).default(defaultLanceUri),
  /**
   * Rows at which the vector index is built (once, after the upsert that reaches it). Below it,
   * search is exact (a flat scan). Default 50,000.
   */
  indexThreshold: z.number().int().min(1).default(50_000),
  /** The vector index: IVF partitions with product quantization, or HNSW graphs on scalar-quantized vectors. */
  indexType: z.enum(['IVF_PQ', 'IVF_HNSW_SQ']).default('IVF_PQ'),
  /**
   * Seconds between checks for writes by other processes. 0 (default): every read sees every
   * committed write; higher saves a manifest read per call on object storage.
   */
  readConsistencySeconds: z.number().min(0).default(0),
  /** Column names; see `lanceFieldsSetting`. */
  fields: lanceFieldsSetting.default({
    id: 'id',
    vector: 'vector',
    text: 'text',
    metadata: 'metadata',
  }),
};

/** Settings of a `LanceDbStoreDriver`. */
export const lanceDriverSettings = z.object(lanceEngineSettings).strict();

/** Settings of `createLanceDbStore`: the driver's plus the collection and its metric. */
export const lanceStoreSettings = z
  .object({
    collection: lanceCollectionName.default('documents'),
    /** Metric of a new collection (default `cosine`); an existing one keeps its own. */
    metric: lanceMetricSetting.optional(),
    ...lanceEngineSettings,
  })
  .strict();

export type LanceFields = z.output<typeof lanceFieldsSetting>;
export type LanceDriverSettings = z.input<typeof lanceDriverSettings>;
export type ResolvedLanceDriverSettings = z.output<typeof lanceDriverSettings>;
export type LanceStoreSettings = z.input<typeof lanceStoreSettings>;

/** What `createLanceDbStore` takes: the settings plus what cannot be configured as JSON. */
export interface LanceStoreOptions extends LanceStoreSettings {
  /** Encodes documents and queries; its `toConfig()` and dimension are recorded in the table's schema. */
  embedding: EmbeddingFunction;
  /** A LanceDB connection to use instead of connecting to `uri`; the driver does not close it. */
  connection?: Connection;
}
