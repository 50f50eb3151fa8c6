import { InvalidInputError } from '@embedkit/core';

/**
 * Refuses a document with a NUL character in its id, text or metadata, naming it: PostgreSQL's
 * `text` and `jsonb` cannot hold one, and refusing before embedding costs no provider call.
 */
export function refuseNulCharacters(
  documents: readonly { id: string; text: string; metadata?: unknown }[],
): void {
  documents.forEach((document, index) => {
    const where = document.id.includes('\u0000')
      ? 'id'
      : document.text.includes('\u0000')
        ? 'text'
        : document.metadata !== undefined && JSON.stringify(document.metadata).includes('\\u0000')
          ? 'metadata'
          : undefined;
    if (where) {
      throw new InvalidInputError({
        index,
        message: `Document ${index} ("${document.id.replaceAll('\u0000', '\\0')}") has a NUL character in its ${where}, which PostgreSQL cannot store; remove it.`,
      });
    }
  });
}
