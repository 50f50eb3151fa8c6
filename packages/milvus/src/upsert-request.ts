import { endianness } from 'node:os';
import type { MilvusRow } from './insert-batches.js';
import type { MilvusStatus } from './milvus-errors.js';
import { milvusFields } from './milvus-schema.js';
import { ProtobufWriter, readProtobufFields } from './protobuf-wire.js';

/** Field numbers and enum values of `milvus.proto` (milvus.proto, schema.proto, common.proto). */
const wire = {
  upsert: { collectionName: 3, fieldsData: 5, numRows: 7 },
  fieldData: { type: 1, fieldName: 2, scalars: 3, vectors: 4 },
  scalarField: { stringData: 6, jsonData: 9 },
  vectorField: { dim: 1, floatVector: 2 },
  repeatedData: 1,
  dataType: { varChar: 21, json: 23, floatVector: 101 },
  mutationResult: { status: 1, upsertCount: 8 },
  status: { errorCode: 1, reason: 2, code: 3, retriable: 4 },
} as const;

const littleEndian = endianness() === 'LE';

/**
 * Encodes an `UpsertRequest` for embedkit's collection layout (id, text, metadata JSON, dense
 * vector; the BM25 side is computed by the server) in column form, as the SDK would after its
 * own row-to-column pass. Vectors are written as one packed float field per request, copied from
 * the `Float32Array`s' bytes; `number[]` vectors are converted once.
 */
export function encodeUpsertRequest(collection: string, rows: readonly MilvusRow[]): Buffer {
  const dim = rows[0]?.vector.length ?? 0;
  const request = new ProtobufWriter();
  request.stringField(wire.upsert.collectionName, collection);
  for (const column of scalarColumns) {
    request.messageField(wire.upsert.fieldsData, (field) => writeScalarColumn(field, column, rows));
  }
  request.messageField(wire.upsert.fieldsData, (field) => {
    field.varintField(wire.fieldData.type, wire.dataType.floatVector);
    field.stringField(wire.fieldData.fieldName, milvusFields.vector);
    field.messageField(wire.fieldData.vectors, (vectors) => {
      vectors.varintField(wire.vectorField.dim, dim);
      vectors.messageField(wire.vectorField.floatVector, (floats) =>
        floats.bytesField(wire.repeatedData, packFloats(rows, dim)),
      );
    });
  });
  request.varintField(wire.upsert.numRows, rows.length);
  return request.finish();
}

/** What the server answered: the status every Milvus reply carries, and the rows it upserted. */
export interface UpsertResult {
  status: MilvusStatus;
  upsertCount: number | undefined;
}

/** Reads the `MutationResult` reply of an upsert. */
export function decodeUpsertResult(buffer: Buffer): UpsertResult {
  const status: MilvusStatus = { error_code: 0, code: 0 };
  let upsertCount: number | undefined;
  for (const { field, value } of readProtobufFields(buffer)) {
    if (field === wire.mutationResult.upsertCount && typeof value === 'number') upsertCount = value;
    if (field !== wire.mutationResult.status || typeof value === 'number') continue;
    for (const part of readProtobufFields(value)) {
      if (part.field === wire.status.errorCode && typeof part.value === 'number') {
        status.error_code = part.value;
      } else if (part.field === wire.status.code && typeof part.value === 'number') {
        status.code = part.value;
      } else if (part.field === wire.status.reason && typeof part.value !== 'number') {
        status.reason = part.value.toString('utf8');
      } else if (part.field === wire.status.retriable && typeof part.value === 'number') {
        status.retriable = part.value === 1;
      }
    }
  }
  return { status, upsertCount };
}

/** A column stored as a list of byte strings (VarChar as UTF-8 text, JSON as its UTF-8 text). */
interface ScalarColumn {
  readonly name: string;
  readonly type: number;
  /** Which `ScalarField` list holds it. */
  readonly list: number;
  readonly encode: (row: MilvusRow) => string;
}

const scalarColumns: readonly ScalarColumn[] = [
  {
    name: milvusFields.id,
    type: wire.dataType.varChar,
    list: wire.scalarField.stringData,
    encode: (row) => row.id,
  },
  {
    name: milvusFields.text,
    type: wire.dataType.varChar,
    list: wire.scalarField.stringData,
    encode: (row) => row.text,
  },
  {
    name: milvusFields.metadata,
    type: wire.dataType.json,
    list: wire.scalarField.jsonData,
    encode: (row) => JSON.stringify(row.metadata),
  },
];

function writeScalarColumn(
  field: ProtobufWriter,
  column: ScalarColumn,
  rows: readonly MilvusRow[],
): void {
  field.varintField(wire.fieldData.type, column.type);
  field.stringField(wire.fieldData.fieldName, column.name);
  field.messageField(wire.fieldData.scalars, (scalars) =>
    scalars.messageField(column.list, (values) => {
      for (const row of rows) values.stringField(wire.repeatedData, column.encode(row));
    }),
  );
}

/** Every row's vector as consecutive little-endian float32 values. */
function packFloats(rows: readonly MilvusRow[], dim: number): Float32Array {
  const packed = new Float32Array(rows.length * dim);
  for (const [index, row] of rows.entries()) {
    if (row.vector.length !== dim) {
      throw new Error(`row ${index} has ${row.vector.length} dimensions, the first has ${dim}`);
    }
    packed.set(row.vector, index * dim);
  }
  if (!littleEndian) {
    const view = new DataView(packed.buffer);
    for (let index = 0; index < packed.length; index++) {
      view.setFloat32(index * 4, packed[index]!, true);
    }
  }
  return packed;
}
