import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { MilvusRow } from './insert-batches.js';
import { noSparseVectorIndex } from './milvus-sparse-vector.js';
import { ProtobufWriter } from './protobuf-wire.js';
import { decodeUpsertResult, encodeUpsertRequest } from './upsert-request.js';

/** The slice of protobufjs' API these tests use (it is the SDK's dependency, not ours). */
interface ProtoType {
  decode(bytes: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  fromObject(object: Record<string, unknown>): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: decoded messages are checked field by field below
  toObject(message: unknown, options?: Record<string, unknown>): Record<string, any>;
}
interface ProtoRoot {
  lookupType(name: string): ProtoType;
}

/** The SDK's own protobuf definitions, to check the hand-written encoding against the schema. */
async function sdkMessages() {
  const sdkRequire = createRequire(
    createRequire(import.meta.url).resolve('@zilliz/milvus2-sdk-node'),
  );
  const protobuf = sdkRequire('protobufjs') as { Root: { fromJSON(json: unknown): ProtoRoot } };
  const definitions = sdkRequire('./proto-json/milvus.base.js').default;
  const root = protobuf.Root.fromJSON(definitions);
  return {
    upsert: root.lookupType('milvus.proto.milvus.UpsertRequest'),
    result: root.lookupType('milvus.proto.milvus.MutationResult'),
  };
}

const rows: MilvusRow[] = [
  { id: 'a', text: 'first', metadata: { tag: 'x' }, vector: new Float32Array([0.5, -1, 2]) },
  { id: 'b', text: 'zweite – ü', metadata: {}, vector: [0.25, 0, -0.125] },
];

describe('encodeUpsertRequest', () => {
  it('encodes the columns the way the SDK schema reads them', async () => {
    const { upsert } = await sdkMessages();
    const decoded = upsert.toObject(upsert.decode(encodeUpsertRequest('docs', rows)), {
      longs: Number,
      enums: String,
    });
    expect(decoded.collectionName).toBe('docs');
    expect(decoded.numRows).toBe(2);
    const byName = Object.fromEntries(
      decoded.fieldsData.map((field: { fieldName: string }) => [field.fieldName, field]),
    );
    expect(byName.id.type).toBe('VarChar');
    expect(byName.id.scalars.stringData.data).toEqual(['a', 'b']);
    expect(byName.text.scalars.stringData.data).toEqual(['first', 'zweite – ü']);
    expect(byName.metadata.type).toBe('JSON');
    expect(
      byName.metadata.scalars.jsonData.data.map((bytes: Uint8Array) =>
        JSON.parse(Buffer.from(bytes).toString('utf8')),
      ),
    ).toEqual([{ tag: 'x' }, {}]);
    expect(byName.vector.type).toBe('FloatVector');
    expect(byName.vector.vectors.dim).toBe(3);
    expect(byName.vector.vectors.floatVector.data).toEqual([0.5, -1, 2, 0.25, 0, -0.125]);
  });

  it('encodes sparse vectors as SparseFloatArray rows of (uint32, float32) little-endian pairs', async () => {
    const { upsert } = await sdkMessages();
    const sparseRows: MilvusRow[] = [
      {
        ...rows[0]!,
        sparse: { indices: Uint32Array.of(2, 70_000), values: Float32Array.of(0.5, -0) },
      },
      { ...rows[1]! },
    ];
    const decoded = upsert.toObject(
      upsert.decode(encodeUpsertRequest('docs', sparseRows, { sparseVectors: true })),
      { longs: Number, enums: String },
    );
    const field = decoded.fieldsData.find(
      (candidate: { fieldName: string }) => candidate.fieldName === 'sparse_vector',
    );
    expect(field.type).toBe('SparseFloatVector');
    const { contents, dim } = field.vectors.sparseFloatVector;
    // One past the largest index written: the second row carries the no-sparse-vector marker.
    expect(dim).toBe(noSparseVectorIndex + 1);
    expect(field.vectors.dim).toBe(noSparseVectorIndex + 1);
    const first = Buffer.from(contents[0]);
    expect(first).toHaveLength(16);
    expect([first.readUInt32LE(0), first.readFloatLE(4)]).toEqual([2, 0.5]);
    expect(first.readUInt32LE(8)).toBe(70_000);
    expect(first.subarray(12).toString('hex')).toBe('00000080'); // -0 keeps its sign bit
    const second = Buffer.from(contents[1]);
    expect([second.readUInt32LE(0), second.readFloatLE(4)]).toEqual([noSparseVectorIndex, 1]);
    // Without the option, no sparse column is sent (collections without the field).
    const plain = upsert.toObject(upsert.decode(encodeUpsertRequest('docs', sparseRows)));
    expect(plain.fieldsData.map((candidate: { fieldName: string }) => candidate.fieldName)).toEqual(
      ['id', 'text', 'metadata', 'vector'],
    );
  });

  it('refuses rows whose vectors differ in length', () => {
    const uneven = [rows[0]!, { ...rows[1]!, vector: [1, 2] }];
    expect(() => encodeUpsertRequest('docs', uneven)).toThrow(/row 1 has 2 dimensions/);
  });
});

describe('decodeUpsertResult', () => {
  it('reads a success with its count, and a refusal with its reason', async () => {
    const { result } = await sdkMessages();
    const success = result.encode(result.fromObject({ status: {}, upsertCnt: 2 })).finish();
    expect(decodeUpsertResult(Buffer.from(success))).toEqual({
      status: { error_code: 0, code: 0 },
      upsertCount: 2,
    });
    const refusal = result
      .encode(
        result.fromObject({
          status: {
            errorCode: 'UnexpectedError',
            code: 100,
            reason: 'collection not found',
            retriable: true,
          },
        }),
      )
      .finish();
    const decoded = decodeUpsertResult(Buffer.from(refusal));
    expect(decoded.status).toMatchObject({
      code: 100,
      reason: 'collection not found',
      retriable: true,
    });
    expect(decoded.status.error_code).not.toBe(0);
  });

  it('ignores fields it does not use', () => {
    const reply = new ProtobufWriter()
      .messageField(1, (status) => status.stringField(5, 'detail'))
      .varintField(9, 123_456)
      .finish();
    expect(decodeUpsertResult(reply).status).toEqual({ error_code: 0, code: 0 });
  });
});
