import { BatchTooLargeError, InvalidInputError } from '@embedkit/core';
import { acceptsField, type JinaModelSpec } from './jina-models.js';

/**
 * What to suggest for an input or document too long for a model: only fixes the model accepts
 * (`truncate: true` exists for v2, v3, v4 and clip, not for v5 or colbert).
 */
export function tooLongFix(spec: JinaModelSpec | undefined, what: 'input' | 'document'): string {
  const shorten = what === 'input' ? 'shorten or split it' : 'split it into smaller documents';
  return acceptsField(spec, 'truncate')
    ? `${shorten[0]!.toUpperCase()}${shorten.slice(1)}, or set truncate: true to let the API cut the tail`
    : `${shorten[0]!.toUpperCase()}${shorten.slice(1)} (this model takes no truncate setting)`;
}

/**
 * Core's batch runner words a refused over-long input generically ("shorten it or enable
 * truncation"); this rewrites it for the model, so the suggested fix is one the model accepts.
 * Other errors pass through unchanged.
 */
export function renameTooLong(error: unknown, model: string, spec: JinaModelSpec | undefined) {
  if (
    !InvalidInputError.isInstance(error) ||
    !BatchTooLargeError.isInstance(error.cause) ||
    error.index === undefined
  ) {
    return error;
  }
  const renamed = new InvalidInputError({
    message: `Input ${error.index} is too long for ${model} (${error.cause.message}). ${tooLongFix(spec, 'input')}.`,
    index: error.index,
    cause: error.cause,
  });
  renamed.completed = error.completed;
  return renamed;
}
