import {
  type DriverDeleteSelector,
  type StoredDocument,
  type StoreRow,
  throwIfAborted,
} from '@embedkit/core';
import type { ConsistencyLevelEnum } from '@zilliz/milvus2-sdk-node';
import {
  idLiteral,
  idsExpression,
  metadataFilterExpression,
} from './metadata-filter-expression.js';
import type { MilvusConnection } from './milvus-connection.js';
import { callMilvus, checkStatus } from './milvus-errors.js';
import { embedkitFieldNames, type MilvusFieldNames } from './milvus-field-names.js';
import { toStoredDocument } from './milvus-rows.js';
import { milvusFields } from './milvus-schema.js';
import { sparseVectorFromMilvus } from './milvus-sparse-vector.js';

/** Ids per `id in [...]` expression, keeping expressions short. */
const idsPerExpression = 1000;

/**
 * The non-vector reads and deletes of one collection: rows by id, delete by id or filter, and an
 * exact count. All read at the store's consistency level (default `Strong`), so a count right
 * after an upsert sees it. Ids arrive checked by core. With `sparseVectors` (the collection has
 * the `sparse_vector` field), rows read with their vectors carry their sparse vector too.
 */
export function milvusQuery(
  connection: MilvusConnection,
  collection: string,
  consistency: ConsistencyLevelEnum,
  fields: MilvusFieldNames = embedkitFieldNames,
  sparseVectors = false,
) {
  const { client, place } = connection;
  const allRows =
    fields.idType === 'int64' ? `${fields.id} >= -9223372036854775808` : `${fields.id} != ""`;

  return {
    async byIds(ids: readonly string[]): Promise<StoredDocument[]> {
      const found = new Map<string, StoredDocument>();
      for (const chunk of chunks([...new Set(ids)])) {
        const action = `read ${chunk.length} documents from collection "${collection}"`;
        const response = await callMilvus(action, place, () =>
          client.query({
            collection_name: collection,
            filter: idsExpression(chunk, fields),
            output_fields: [fields.id, fields.text, fields.metadata],
            limit: chunk.length,
            consistency_level: consistency,
          }),
        );
        checkStatus(response.status, action);
        for (const row of response.data) {
          const document = toStoredDocument(row, fields);
          found.set(document.id, document);
        }
      }
      return ids.flatMap((id) => {
        const document = found.get(id);
        return document ? [document] : [];
      });
    },

    /** Rows with their vectors, as stored (float32 values survive the SDK's numbers exactly). */
    async rowsByIds(ids: readonly string[]): Promise<StoreRow[]> {
      const found = new Map<string, StoreRow>();
      for (const chunk of chunks([...new Set(ids)])) {
        const action = `read ${chunk.length} rows with vectors from collection "${collection}"`;
        const response = await callMilvus(action, place, () =>
          client.query({
            collection_name: collection,
            filter: idsExpression(chunk, fields),
            output_fields: [
              fields.id,
              fields.text,
              fields.metadata,
              fields.vector,
              ...(sparseVectors ? [milvusFields.sparseVector] : []),
            ],
            limit: chunk.length,
            consistency_level: consistency,
          }),
        );
        checkStatus(response.status, action);
        for (const row of response.data) {
          const document = toStoredDocument(row, fields);
          const sparse = sparseVectors
            ? sparseVectorFromMilvus(row[milvusFields.sparseVector])
            : undefined;
          found.set(document.id, {
            ...document,
            vector: Float32Array.from(row[fields.vector] as number[]),
            ...(sparse ? { sparse } : {}),
          });
        }
      }
      return ids.flatMap((id) => {
        const row = found.get(id);
        return row ? [row] : [];
      });
    },

    /**
     * Every id in pages, by primary-key order: each page asks for ids above the last page's last.
     * A plain limited query returns arbitrary rows; the `iterator` and `reduce_stop_for_best`
     * query parameters (what pymilvus' query iterator sends) make the server return the smallest
     * keys first, in order.
     */
    async *ids(pageSize: number, signal?: AbortSignal): AsyncIterable<readonly string[]> {
      let after: string | undefined;
      for (;;) {
        throwIfAborted(signal, 'Listing the collection was aborted.');
        const filter = after === undefined ? allRows : `${fields.id} > ${idLiteral(after, fields)}`;
        const action = `list ids of collection "${collection}"`;
        const response = await callMilvus(action, place, () =>
          client.query({
            collection_name: collection,
            filter,
            output_fields: [fields.id],
            limit: pageSize,
            params: { iterator: 'True', reduce_stop_for_best: 'True' },
            consistency_level: consistency,
          }),
        );
        checkStatus(response.status, action);
        const page = response.data.map((row) => String(row[fields.id]));
        if (page.length === 0) return;
        yield page;
        after = page[page.length - 1];
        if (page.length < pageSize) return;
      }
    },

    async delete(selector: DriverDeleteSelector): Promise<void> {
      const expressions =
        'ids' in selector
          ? chunks(selector.ids).map((chunk) => idsExpression(chunk, fields))
          : 'all' in selector
            ? [allRows]
            : [metadataFilterExpression(selector.filter, fields) ?? allRows];
      for (const filter of expressions) {
        const action = `delete from collection "${collection}" where ${filter}`;
        const response = await callMilvus(action, place, () =>
          client.delete({ collection_name: collection, filter, consistency_level: 'Strong' }),
        );
        checkStatus(response.status, action);
      }
    },

    async count(): Promise<number> {
      const action = `count the documents in collection "${collection}"`;
      const response = await callMilvus(action, place, () =>
        client.query({
          collection_name: collection,
          filter: '',
          output_fields: ['count(*)'],
          consistency_level: consistency,
        }),
      );
      checkStatus(response.status, action);
      return Number(response.data[0]?.['count(*)'] ?? 0);
    },
  };
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += idsPerExpression) {
    result.push(items.slice(start, start + idsPerExpression));
  }
  return result;
}
