import { validateTextInputs } from '../embedding/validate-text-inputs.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { documentId } from './document-id.js';
import type { DocumentInput, Metadata } from './vector-store.js';

/** A document ready to write: id resolved, metadata checked to be plain JSON. */
export interface PreparedDocument {
  id: string;
  text: string;
  metadata: Metadata;
}

/**
 * Checks documents before anything is embedded or written, and resolves their ids: text must be a
 * non-empty string, an id a non-empty string, metadata a plain JSON object. Duplicate ids in one
 * call are refused, since only one of them could survive.
 */
export function prepareDocuments(documents: readonly DocumentInput[]): PreparedDocument[] {
  if (!Array.isArray(documents)) {
    throw new InvalidInputError({
      message: 'Expected an array of documents such as [{ text: "…" }].',
    });
  }
  validateTextInputs(documents.map((document) => (document as { text?: unknown } | null)?.text));
  const seen = new Map<string, number>();
  return documents.map((document, index) => {
    if (document.id !== undefined && (typeof document.id !== 'string' || document.id === '')) {
      throw new InvalidInputError({
        message: `Document ${index} has an id that is not a non-empty string.`,
        index,
      });
    }
    const metadata = document.metadata ?? {};
    checkJson(metadata, index);
    const id = document.id ?? documentId(document.text, metadata);
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new InvalidInputError({
        message: `Documents ${previous} and ${index} have the same id "${id}"; only one of them could be stored.`,
        index,
      });
    }
    seen.set(id, index);
    return { id, text: document.text, metadata };
  });
}

function checkJson(metadata: unknown, index: number): void {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new InvalidInputError({
      message: `Document ${index} has metadata that is not a plain object.`,
      index,
    });
  }
  const visit = (value: unknown, path: string, seen: Set<unknown>): void => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) fail(path, `${value} (JSON has no NaN or Infinity)`);
      return;
    }
    if (typeof value === 'object') {
      if (seen.has(value)) fail(path, 'a circular reference');
      const prototype = Object.getPrototypeOf(value);
      if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
        fail(path, `a ${prototype?.constructor?.name ?? 'class'} instance`);
      }
      seen.add(value);
      for (const [key, entry] of Object.entries(value))
        visit(entry, path ? `${path}.${key}` : key, seen);
      seen.delete(value);
      return;
    }
    fail(path, `a ${typeof value}`);
  };
  const fail = (path: string, what: string): never => {
    throw new InvalidInputError({
      message: `Document ${index} has metadata that is not JSON-serialisable: "${path}" is ${what}.`,
      index,
    });
  };
  visit(metadata, '', new Set());
}
