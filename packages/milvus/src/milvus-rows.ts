import {
  InvalidInputError,
  type Metadata,
  type SearchResult,
  type StoredDocument,
} from '@embedkit/core';
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
export function toStoredDocument(row: Record<string, unknown>): StoredDocument {
  return {
    id: String(row.id),
    text: typeof row.text === 'string' ? row.text : '',
    metadata: parseMetadata(row.metadata),
  };
}

export function toSearchResult(hit: Record<string, unknown>): SearchResult {
  return { ...toStoredDocument(hit), score: Number(hit.score) };
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
