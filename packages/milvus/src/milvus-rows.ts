import {
  InvalidInputError,
  type Metadata,
  type SearchResult,
  type StoredDocument,
} from '@embedkit/core';
import { dynamicField, embedkitFieldNames, type MilvusFieldNames } from './milvus-field-names.js';
import { idMaxLength } from './milvus-schema.js';

export interface FitTextOptions {
  /** The text field's `max_length` in UTF-8 bytes. */
  maxBytes: number;
  overflow: 'error' | 'truncate';
}

/**
 * Makes documents (or rows) fit the collection's fields: an id longer than the primary key is
 * refused; a text longer than the text field is refused naming the document, or cut to the longest
 * prefix that fits (on a character boundary) with `textOverflow: 'truncate'`. A document that fits
 * is returned as it came, so rows are not copied.
 */
export function fitDocuments<Document extends { id: string; text: string }>(
  documents: readonly Document[],
  options: FitTextOptions,
): Document[] {
  return documents.map((document, index) => {
    if (Buffer.byteLength(document.id) > idMaxLength) {
      throw new InvalidInputError({
        message: `Document ${index} has an id of ${Buffer.byteLength(document.id)} bytes; Milvus ids here hold at most ${idMaxLength}. Use a shorter id.`,
        index,
      });
    }
    const bytes = Buffer.byteLength(document.text);
    if (bytes <= options.maxBytes) return document;
    if (options.overflow === 'truncate') {
      return { ...document, text: truncateUtf8(document.text, options.maxBytes) };
    }
    throw new InvalidInputError({
      message: `Document ${index} (id "${document.id}") has ${bytes} bytes of text; the collection's text field holds at most ${options.maxBytes}. Split it into chunks, or create the store with textOverflow: 'truncate'.`,
      index,
    });
  });
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += character.length;
  }
  return text.slice(0, end);
}

/** A search hit or query row from the SDK as a core `SearchResult` / `StoredDocument`. */
export function toStoredDocument(
  row: Record<string, unknown>,
  fields: MilvusFieldNames = embedkitFieldNames,
): StoredDocument {
  const dynamic = dynamicKeys(row);
  const text = row[fields.text] ?? dynamic[fields.text];
  return {
    id: String(row[fields.id]),
    text: typeof text === 'string' ? text : '',
    metadata:
      fields.metadata === dynamicField
        ? dynamicMetadata(row, dynamic, fields)
        : parseMetadata(row[fields.metadata]),
  };
}

export function toSearchResult(
  hit: Record<string, unknown>,
  fields: MilvusFieldNames = embedkitFieldNames,
): SearchResult {
  return { ...toStoredDocument(hit, fields), score: Number(hit.score) };
}

/** The dynamic field's keys: the SDK returns them as a `$meta` object beside the row's fields. */
function dynamicKeys(row: Record<string, unknown>): Record<string, unknown> {
  const value = row[dynamicField];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Metadata kept in the dynamic field: its keys, and any undeclared keys returned flat. */
function dynamicMetadata(
  row: Record<string, unknown>,
  dynamic: Record<string, unknown>,
  fields: MilvusFieldNames,
): Metadata {
  const own = new Set([fields.id, fields.text, fields.vector, 'score', dynamicField]);
  const metadata: Metadata = {};
  for (const [key, value] of Object.entries({ ...row, ...dynamic })) {
    if (!own.has(key) && value !== undefined) metadata[key] = value as Metadata[string];
  }
  return metadata;
}

function parseMetadata(value: unknown): Metadata {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Metadata;
    } catch {
      return {};
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return value as Metadata;
  }
  return {};
}
