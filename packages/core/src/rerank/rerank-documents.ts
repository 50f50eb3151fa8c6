import { validateTextInputs } from '../embedding/validate-text-inputs.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { RerankDocument } from './reranker.js';

/** The text a reranker scores for a document: the string itself, or its `text`. */
export function rerankDocumentText(document: RerankDocument): string {
  return typeof document === 'string' ? document : document.text;
}

/**
 * Checks a rerank call before anything is sent and returns the documents' texts: the query must
 * be a non-empty string, every document a non-empty string or an object with a non-empty `text`,
 * and `topN` (when given) a positive integer. Each refusal names the document at fault.
 */
export function checkRerankCall(query: unknown, documents: unknown, topN: unknown): string[] {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new InvalidInputError({
      message: `The rerank query must be a non-empty string, got ${typeof query === 'string' ? 'an empty one' : typeof query}.`,
    });
  }
  if (!Array.isArray(documents)) {
    throw new InvalidInputError({
      message: 'Expected the documents to rerank as an array of strings or { text } objects.',
    });
  }
  const texts = documents.map((document: unknown, index) => {
    if (typeof document === 'string') return document;
    const text = (document as { text?: unknown } | null)?.text;
    if (typeof document !== 'object' || document === null || typeof text !== 'string') {
      throw new InvalidInputError({
        message: `Document ${index} is neither a string nor an object with a string "text"; pass strings or { id, text, metadata }.`,
        index,
      });
    }
    return text;
  });
  validateTextInputs(texts);
  if (topN !== undefined && (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 1)) {
    throw new InvalidInputError({
      message: `topN must be a positive integer, got ${JSON.stringify(topN)}.`,
    });
  }
  return texts;
}
