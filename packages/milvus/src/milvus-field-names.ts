import { InvalidConfigError } from '@embedkit/core';
import { milvusFields } from './milvus-schema.js';

/**
 * Which fields of a collection hold a row's id, vector, text and metadata. Collections embedkit
 * creates use `milvusFields`; a collection made by another tool (pymilvus' quick setup: an Int64
 * `id`, a `vector`, everything else in the dynamic field) is read and written through the names a
 * `fields` setting gives, or those found in its schema.
 */
export interface MilvusFieldNames {
  id: string;
  /** Int64 primary keys take embedkit's string ids as decimal integers. */
  idType: 'varchar' | 'int64';
  vector: string;
  /** A schema field, or a key of the dynamic field. */
  text: string;
  /** A JSON field holding the metadata object, or `$meta`: every dynamic key is a metadata key. */
  metadata: string;
}

/** The field mapping a user can give for a collection embedkit did not create. */
export interface MilvusFieldMapping {
  id?: string;
  vector?: string;
  text?: string;
  metadata?: string;
}

export const embedkitFieldNames: MilvusFieldNames = {
  id: milvusFields.id,
  idType: 'varchar',
  vector: milvusFields.vector,
  text: milvusFields.text,
  metadata: milvusFields.metadata,
};

/** The dynamic field's name in expressions and output fields. */
export const dynamicField = '$meta';

interface SchemaField {
  name: string;
  data_type?: string;
  is_primary_key?: boolean;
}

/**
 * Resolves the fields of a foreign collection: `mapping` where given, otherwise the primary key,
 * the only float-vector field, `text` and `metadata` (or the dynamic field). A field that cannot be
 * found is an `InvalidConfigError` naming it, the collection and the fields it has.
 */
export function foreignFieldNames(
  collection: string,
  schema: { fields: readonly SchemaField[]; dynamic: boolean },
  mapping: MilvusFieldMapping = {},
): MilvusFieldNames {
  const byName = new Map(schema.fields.map((field) => [field.name, field]));
  const found = `${schema.fields.map((field) => `${field.name} (${field.data_type ?? '?'})`).join(', ')}${schema.dynamic ? ', and a dynamic field' : ''}`;
  const fail = (field: keyof MilvusFieldMapping, problem: string): never => {
    throw new InvalidConfigError({
      subject: 'Milvus store',
      issues: [
        {
          path: `fields.${field}`,
          message: `collection "${collection}" was not created by embedkit and ${problem}; its fields are ${found}. Name the field with fields.${field}`,
        },
      ],
    });
  };
  const primary = mapping.id
    ? byName.get(mapping.id)
    : schema.fields.find((field) => field.is_primary_key);
  if (!primary) fail('id', mapping.id ? `has no field "${mapping.id}"` : 'has no primary key');
  const idType =
    primary!.data_type === 'VarChar'
      ? 'varchar'
      : primary!.data_type === 'Int64'
        ? 'int64'
        : undefined;
  if (!idType)
    fail('id', `its primary key "${primary!.name}" is ${primary!.data_type}, not VarChar or Int64`);
  const vectors = schema.fields.filter((field) => field.data_type === 'FloatVector');
  const vector = mapping.vector
    ? byName.get(mapping.vector)
    : vectors.length === 1
      ? vectors[0]
      : undefined;
  if (vector?.data_type !== 'FloatVector') {
    fail(
      'vector',
      mapping.vector
        ? `has no float-vector field "${mapping.vector}"`
        : `has ${vectors.length} float-vector fields, so which one to search is ambiguous`,
    );
  }
  const text = mapping.text ?? 'text';
  if (!byName.has(text) && !schema.dynamic)
    fail('text', `has no field "${text}" and no dynamic field to keep it in`);
  const metadata =
    mapping.metadata ?? (byName.get('metadata')?.data_type === 'JSON' ? 'metadata' : dynamicField);
  if (metadata === dynamicField ? !schema.dynamic : byName.get(metadata)?.data_type !== 'JSON') {
    fail(
      'metadata',
      metadata === dynamicField
        ? 'has neither a JSON "metadata" field nor a dynamic field'
        : `has no JSON field "${metadata}"`,
    );
  }
  return { id: primary!.name, idType: idType!, vector: vector!.name, text, metadata };
}
