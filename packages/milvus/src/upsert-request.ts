import { endianness } from 'node:os';
import type { MilvusRow } from './insert-batches.js';
import type { MilvusStatus } from './milvus-errors.js';
import { milvusFields } from './milvus-schema.js';
import { sparseRowBytes, storableSparseEntries } from './milvus-sparse-vector.js';
import { ProtobufWriter, readProtobufFields } from './protobuf-wire.js';

/** Field numbers and enum values of `milvus.proto` (milvus.proto, schema.proto, common.proto). */
const wire = {
  upsert: { collectionName: 3, fieldsData: 5, numRows: 7 },
  fieldData: { type: 1, fieldName: 2, scalars: 3, vectors: 4 },
  scalarField: { stringData: 6, jsonData: 9 },
  vectorField: { dim: 1, floatVector: 2, sparseFloatVector: 6 },
  sparseFloatArray: { contents: 1, dim: 2 },
  repeatedData: 1,
  dataType: { varChar: 21, json: 23, floatVector: 101, sparseFloatVector: 104 },
  mutationResult: { status: 1, upsertCount: 8 },
  status: { errorCode: 1, reason: 2, code: 3, retriable: 4 },
} as const;

const littleEndian = endianness() === 'LE';

/**
 * Encodes an `UpsertRequest` for embedkit's collection layout (id, text, metadata JSON, dense
 * vector; the BM25 side is computed by the server) in column form, as the SDK would after its
 * own row-to-column pass. Vectors are written as one packed float field per request, copied from
 * the `Float32Array`s' bytes; `number[]` vectors are converted once. With `sparseVectors` (the
 * collection has the `sparse_vector` field), each row's sparse vector goes in a `SparseFloatArray`
 * column (already made storable by the driver), a row without one as the no-sparse-vector
 * marker (see `storableSparseEntries`).
 */
export function encodeUpsertRequest(
  collection: string,
  rows: readonly MilvusRow[],
  options: { sparseVectors?: boolean } = {},
): Buffer {
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
  if (options.sparseVectors) {
    request.messageField(wire.upsert.fieldsData, (field) => writeSparseColumn(field, rows));
  }
  request.varintField(wire.upsert.numRows, rows.length);
  return request.finish();
}

/**
 * The `sparse_vector` column: a `SparseFloatArray` with one byte string per row (see
 * `sparseRowBytes`) and `dim` one past the largest index, as Milvus' schema defines it.
 */
function writeSparseColumn(field: ProtobufWriter, rows: readonly MilvusRow[]): void {
  const encoded = rows.map((row) => row.sparse ?? storableSparseEntries(undefined, ''));
  const dim = encoded.reduce((largest, entries) => {
    const last = entries.indices.at(-1);
    return last === undefined ? largest : Math.max(largest, last + 1);
  }, 0);
  field.varintField(wire.fieldData.type, wire.dataType.sparseFloatVector);
  field.stringField(wire.fieldData.fieldName, milvusFields.sparseVector);
  field.messageField(wire.fieldData.vectors, (vectors) => {
    vectors.varintField(wire.vectorField.dim, dim);
    vectors.messageField(wire.vectorField.sparseFloatVector, (sparse) => {
      for (const entries of encoded) {
        sparse.bytesField(wire.sparseFloatArray.contents, sparseRowBytes(entries));
      }
      sparse.varintField(wire.sparseFloatArray.dim, dim);
    });
  });
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
