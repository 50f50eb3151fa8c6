import { connect, makeArrowTable, type Table } from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Schema, Utf8 } from 'apache-arrow';
import type { ClientTarget, StoreBenchClient } from './store-bench-task.js';

/**
 * LanceDB through `@lancedb/lancedb`: a table of id, text, metadata (JSON text) and a 384-float
 * fixed-size list, created empty, one `mergeInsert("id")` upsert per batch (as embedkit's store
 * writes), and `vectorSearch` with the cosine distance on embedkit's table.
 */
export async function rawLanceDbClient(task: ClientTarget): Promise<StoreBenchClient> {
  const database = await connect(task.engine.path!);
  const schema = new Schema([
    new Field('id', new Utf8(), false),
    new Field('text', new Utf8(), false),
    new Field('metadata', new Utf8(), false),
    new Field(
      'vector',
      new FixedSizeList(task.dimensions, new Field('item', new Float32(), true)),
      false,
    ),
  ]);
  let ingest: Table | undefined;
  let searched: Table | undefined;
  return {
    prepare: async () => {
      ingest = await database.createEmptyTable(task.ingestCollection, schema);
    },
    insert: async (rows) => {
      const data = makeArrowTable(
        rows.map((row) => ({
          id: row.id,
          text: row.text,
          metadata: JSON.stringify(row.metadata),
          vector: Array.from(row.vector),
        })),
        { schema },
      );
      await ingest!
        .mergeInsert('id')
        .whenMatchedUpdateAll()
        .whenNotMatchedInsertAll()
        .execute(data);
    },
    beforeSearch: async () => {
      searched = await database.openTable(task.searchCollection);
    },
    search: (vector, topK) =>
      searched!
        .vectorSearch(vector)
        .column('vector')
        .distanceType('cosine')
        .limit(topK)
        .select(['id', 'text', 'metadata', '_distance'])
        .toArray(),
    countSearched: () => searched!.countRows(),
    close: async () => {
      database.close();
    },
  };
}
