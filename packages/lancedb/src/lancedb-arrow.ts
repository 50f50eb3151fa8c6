import { createRequire } from 'node:module';
import type { StoreRow } from '@embedkit/core';
import type * as ArrowModule from 'apache-arrow';

/**
 * apache-arrow as LanceDB itself loads it (its CommonJS build). LanceDB checks `instanceof
 * Table`; an ESM import would be a second copy of every class, so tables built from it would be
 * taken apart and rebuilt without their field metadata (which marks the JSON column).
 */
const arrow = createRequire(import.meta.url)('apache-arrow') as typeof ArrowModule;

/** The field metadata that makes LanceDB store a string column as its JSON type (JSONB). */
const jsonExtension = new Map([['ARROW:extension:name', 'arrow.json']]);

/** How the metadata column holds JSON: Lance's JSON type (filterable) or plain text. */
export type MetadataEncoding = 'json' | 'string';

/** The columns of a table as the driver writes them. */
export interface LanceLayout {
  id: string;
  text: string;
  metadata: string;
  vector: string;
  dim: number;
  metadataEncoding: MetadataEncoding;
}

/** The schema of a new collection, its record and column names kept in the schema's metadata. */
export function collectionSchema(
  layout: LanceLayout,
  schemaMetadata: Map<string, string>,
): ArrowModule.Schema {
  return new arrow.Schema(layoutFields(layout), schemaMetadata);
}

function layoutFields(layout: LanceLayout): ArrowModule.Field[] {
  return [
    new arrow.Field(layout.id, new arrow.Utf8(), false),
    new arrow.Field(layout.text, new arrow.Utf8(), true),
    new arrow.Field(
      layout.metadata,
      new arrow.Utf8(),
      true,
      layout.metadataEncoding === 'json' ? jsonExtension : undefined,
    ),
    new arrow.Field(
      layout.vector,
      new arrow.FixedSizeList(layout.dim, new arrow.Field('item', new arrow.Float32(), true)),
      false,
    ),
  ];
}

/**
 * Rows as one Arrow table in the layout's columns. The vectors are copied once into a single
 * float32 buffer (no per-number conversion).
 */
export function rowsTable(layout: LanceLayout, rows: readonly StoreRow[]): ArrowModule.Table {
  const fields = layoutFields(layout);
  const schema = new arrow.Schema(fields);
  const floats = new Float32Array(rows.length * layout.dim);
  for (const [index, row] of rows.entries()) floats.set(row.vector, index * layout.dim);
  const vectorType = fields[3]!.type as ArrowModule.FixedSizeList<ArrowModule.Float32>;
  const vectors = arrow.makeData({
    type: vectorType,
    length: rows.length,
    nullCount: 0,
    child: arrow.makeData({ type: new arrow.Float32(), length: floats.length, data: floats }),
  });
  const strings = (values: string[]) => arrow.vectorFromArray(values, new arrow.Utf8()).data[0]!;
  const data = arrow.makeData({
    type: new arrow.Struct(fields),
    length: rows.length,
    nullCount: 0,
    children: [
      strings(rows.map((row) => row.id)),
      strings(rows.map((row) => row.text)),
      strings(rows.map((row) => JSON.stringify(row.metadata))),
      vectors,
    ],
  });
  return new arrow.Table(schema, [new arrow.RecordBatch(schema, data)]);
}

/** Whether an Arrow field is Lance's JSON type (as LanceDB reports it back: JSONB with `lance.json`). */
export function isJsonField(field: ArrowModule.Field): boolean {
  const extension = field.metadata.get('ARROW:extension:name');
  return extension === 'lance.json' || extension === 'arrow.json';
}

/** The list size of a fixed-size-list field, or `undefined` for any other type. */
export function vectorDimension(field: ArrowModule.Field): number | undefined {
  return arrow.DataType.isFixedSizeList(field.type) ? field.type.listSize : undefined;
}
