import type { CollectionRecord, VectorMetric } from '@embedkit/core';

/**
 * What the driver knows about an opened table: its quoted name and the SQL expressions of its
 * columns, so every statement works the same on a table embedkit created and on one another
 * tool made (`foreign`), whose columns come from the `fields` setting.
 */
export interface PgvectorCollection {
  name: string;
  /** The quoted table name. */
  table: string;
  metric: VectorMetric;
  /** Whether `metric` is the table's own (its record, or a foreign table's vector index). */
  metricFromIndex: boolean;
  /** The vector column's dimension, when its type declares one. */
  dim: number | undefined;
  /** The record kept in `embedkit_collections`; `undefined` for a foreign table. */
  record: CollectionRecord | undefined;
  created: boolean;
  foreign: boolean;
  /** Quoted columns, as written in INSERT and ON CONFLICT. */
  columns: { id: string; vector: string; text: string; metadata: string };
  /** The id as `text` (a foreign table's id may be an integer or a uuid). */
  idText: string;
  /** The text as `text`. */
  textValue: string;
  /** The metadata as `jsonb` (a foreign table's may be `json`). */
  metadataValue: string;
  /** The `tsvector` of the text: the generated column, or computed for a foreign table. */
  textSearch: string;
  textSearchConfig: string;
  /**
   * The quoted sparse columns (vector and term list), once the table has them: added by the
   * first write with a sparse vector; always `undefined` for a foreign table.
   */
  sparse: { vector: string; terms: string } | undefined;
}
