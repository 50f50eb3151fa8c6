import type {
  CollectionRecord,
  EmbeddingConfig,
  EmbeddingSpace,
  VectorMetric,
} from '@embedkit/core';
import {
  type CreateColWithSchemaAndIndexParamsReq,
  DataType,
  type FieldType,
  FunctionType,
} from '@zilliz/milvus2-sdk-node';
import type { ResolvedMilvusDriverSettings } from './milvus-store-settings.js';

/**
 * The collection's field names. They are part of the stored format: Python (pymilvus) users query
 * the same collection with these names, so they never change.
 */
export const milvusFields = {
  id: 'id',
  vector: 'vector',
  text: 'text',
  sparse: 'sparse',
  /** Caller-given sparse vectors (`sparseVectors: true`), beside the BM25 `sparse` field. */
  sparseVector: 'sparse_vector',
  metadata: 'metadata',
} as const;

/** Collection property keys holding what built the collection (JSON strings, no secrets). */
export const milvusProperties = {
  embedding: 'embedkit.embedding',
  space: 'embedkit.space',
  metric: 'embedkit.metric',
  format: 'embedkit.format',
} as const;

/** Version of the stored layout, recorded so a later release can recognise older collections. */
export const milvusFormatVersion = '1';

/** Longest id accepted, in UTF-8 bytes (the primary key's `max_length`). */
export const idMaxLength = 512;

/** The name of the BM25 function that fills the sparse field from the text. */
const bm25FunctionName = 'embedkit_text_bm25';

const metricNames: Record<VectorMetric, string> = { cosine: 'COSINE', ip: 'IP', l2: 'L2' };

/** The Milvus metric name for a core metric. */
export function milvusMetric(metric: VectorMetric): string {
  return metricNames[metric];
}

export interface CollectionRequestOptions {
  name: string;
  /** What to record: embedding, space, dimension and metric of the new collection. */
  record: CollectionRecord;
  settings: ResolvedMilvusDriverSettings;
  fullText: boolean;
}

/**
 * The `createCollection` request: explicit schema, indexes, and the collection record as
 * properties (the stored format read back by `readExistingCollection`).
 */
export function collectionRequest(
  options: CollectionRequestOptions,
): CreateColWithSchemaAndIndexParamsReq {
  const { settings, fullText, record } = options;
  const textField: FieldType = {
    name: milvusFields.text,
    data_type: DataType.VarChar,
    max_length: settings.textMaxLength,
    ...(fullText ? { enable_analyzer: true } : {}),
    ...(fullText && settings.analyzer ? { analyzer_params: settings.analyzer } : {}),
  };
  const fields: FieldType[] = [
    {
      name: milvusFields.id,
      data_type: DataType.VarChar,
      is_primary_key: true,
      autoID: false,
      max_length: idMaxLength,
    },
    { name: milvusFields.vector, data_type: DataType.FloatVector, dim: record.dim },
    textField,
    ...(fullText ? [{ name: milvusFields.sparse, data_type: DataType.SparseFloatVector }] : []),
    ...(settings.sparseVectors
      ? [{ name: milvusFields.sparseVector, data_type: DataType.SparseFloatVector }]
      : []),
    { name: milvusFields.metadata, data_type: DataType.JSON },
  ];
  return {
    collection_name: options.name,
    description: `embedkit collection of ${record.space.family}/${record.space.model} vectors (${record.dim} dims)`,
    fields,
    functions: fullText
      ? [
          {
            name: bm25FunctionName,
            type: FunctionType.BM25,
            input_field_names: [milvusFields.text],
            output_field_names: [milvusFields.sparse],
            params: {},
          },
        ]
      : [],
    index_params: [
      {
        field_name: milvusFields.vector,
        index_type: settings.index.type,
        metric_type: milvusMetric(record.metric),
        params: settings.index.params,
      },
      ...(fullText
        ? [
            {
              field_name: milvusFields.sparse,
              index_type: 'SPARSE_INVERTED_INDEX',
              metric_type: 'BM25',
            },
          ]
        : []),
      ...(settings.sparseVectors
        ? [
            {
              field_name: milvusFields.sparseVector,
              index_type: 'SPARSE_INVERTED_INDEX',
              metric_type: 'IP',
            },
          ]
        : []),
    ],
    consistency_level: settings.consistencyLevel,
    properties: {
      [milvusProperties.embedding]: JSON.stringify(record.embedding),
      [milvusProperties.space]: JSON.stringify(record.space),
      [milvusProperties.metric]: record.metric,
      [milvusProperties.format]: milvusFormatVersion,
    },
  };
}

/** What an existing collection says about itself. */
export interface ExistingCollection {
  /** Recorded embedding space; undefined when the collection was not made by embedkit. */
  space?: EmbeddingSpace;
  embedding?: EmbeddingConfig;
  metric?: VectorMetric;
  /** Dimension of the `vector` field, when there is one. */
  dim?: number;
  /** `max_length` of the `text` field, in bytes. */
  textMaxLength?: number;
  fullText: boolean;
  /** Whether it has the `sparse_vector` field for caller-given sparse vectors. */
  sparseVectors: boolean;
  fieldNames: string[];
  /** The schema's fields as described, for mapping a foreign collection. */
  fields: DescribedField[];
  /** Whether the collection keeps undeclared keys in its dynamic field. */
  dynamic: boolean;
}

interface DescribedField {
  name: string;
  data_type?: string;
  is_primary_key?: boolean;
  dim?: unknown;
  max_length?: unknown;
  type_params?: { key: string; value: unknown }[];
}

/** Reads the embedkit properties and relevant schema facts from a `describeCollection` response. */
export function readExistingCollection(
  description: {
    properties?: { key: string; value: string | number }[];
    schema?: { fields?: DescribedField[]; enable_dynamic_field?: boolean } | null;
  },
  vectorFieldName: string = milvusFields.vector,
): ExistingCollection {
  const properties = new Map(
    (description.properties ?? []).map((property) => [property.key, String(property.value)]),
  );
  const fields = description.schema?.fields ?? [];
  const vectorField = fields.find((field) => field.name === vectorFieldName);
  const rawDim =
    vectorField?.dim ?? vectorField?.type_params?.find((param) => param.key === 'dim')?.value;
  const textField = fields.find((field) => field.name === milvusFields.text);
  const rawTextMaxLength =
    textField?.max_length ??
    textField?.type_params?.find((param) => param.key === 'max_length')?.value;
  const metric = properties.get(milvusProperties.metric);
  return {
    space: parseJson<EmbeddingSpace>(properties.get(milvusProperties.space)),
    embedding: parseJson<EmbeddingConfig>(properties.get(milvusProperties.embedding)),
    metric: metric === 'cosine' || metric === 'ip' || metric === 'l2' ? metric : undefined,
    dim: rawDim === undefined ? undefined : Number(rawDim),
    textMaxLength: rawTextMaxLength === undefined ? undefined : Number(rawTextMaxLength),
    fullText: fields.some(
      (field) => field.name === milvusFields.sparse && field.data_type === 'SparseFloatVector',
    ),
    sparseVectors: fields.some(
      (field) =>
        field.name === milvusFields.sparseVector && field.data_type === 'SparseFloatVector',
    ),
    fieldNames: fields.map((field) => field.name),
    fields,
    dynamic: description.schema?.enable_dynamic_field === true,
  };
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
