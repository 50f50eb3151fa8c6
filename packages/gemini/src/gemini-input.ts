import { describeValue, estimateTokens, InvalidInputError } from '@embedkit/core';

/**
 * What Gemini embeds: a text, or a document with a title. Google: "specifying a title for
 * RETRIEVAL_DOCUMENT provides better quality embeddings for retrieval"; the title is sent only
 * with that task, so titled inputs go to `encodeDocuments` (or `embed` with that task).
 */
export type GeminiInput = string | { readonly text: string; readonly title?: string };

/** The text and optional title of an input. */
export function inputParts(input: GeminiInput): { text: string; title?: string } {
  return typeof input === 'string' ? { text: input } : { text: input.text, title: input.title };
}

/** Token estimate of one input for batch planning (the title counts too). */
export function estimateInputTokens(input: GeminiInput): number {
  const { text, title } = inputParts(input);
  return estimateTokens(text) + (title ? estimateTokens(title) : 0);
}

const loneSurrogate = /\p{Cs}/u;

/**
 * Checks inputs before any call and names the first bad one: not an array, an element that is
 * neither a string nor `{ text, title? }`, an empty text (unless `allowEmpty`), broken UTF-16,
 * or a title where the task is not `RETRIEVAL_DOCUMENT` (the API applies titles only there).
 */
export function validateGeminiInputs(
  inputs: unknown,
  options: { allowEmpty?: boolean; taskType: string },
): asserts inputs is GeminiInput[] {
  if (!Array.isArray(inputs)) {
    throw new InvalidInputError({
      message: `Expected an array of inputs, got ${describeValue(inputs)}. Wrap a single text in an array: ["text"].`,
    });
  }
  for (let index = 0; index < inputs.length; index++) {
    const input: unknown = inputs[index];
    const parts = readParts(input);
    if (parts === undefined) {
      throw new InvalidInputError({
        message: `Input ${index} is ${describeValue(input)}, not a string or { text, title? }.`,
        index,
      });
    }
    if (!options.allowEmpty && parts.text.trim() === '') {
      throw new InvalidInputError({
        message: `Input ${index} is ${parts.text === '' ? 'an empty string' : 'only whitespace'}; it would embed as noise. Remove it, or pass { allowEmpty: true } if that is intended.`,
        index,
      });
    }
    if (loneSurrogate.test(parts.text) || (parts.title && loneSurrogate.test(parts.title))) {
      throw new InvalidInputError({
        message: `Input ${index} contains a lone UTF-16 surrogate (text cut in the middle of an emoji); fix or drop it.`,
        index,
      });
    }
    if (parts.title !== undefined && options.taskType !== 'RETRIEVAL_DOCUMENT') {
      throw new InvalidInputError({
        message: `Input ${index} has a title, but titles apply only to RETRIEVAL_DOCUMENT and this call embeds ${options.taskType}; embed titled documents with encodeDocuments, or drop the title.`,
        index,
      });
    }
  }
}

function readParts(input: unknown): { text: string; title?: string } | undefined {
  if (typeof input === 'string') return { text: input };
  if (typeof input !== 'object' || input === null) return undefined;
  const { text, title } = input as { text?: unknown; title?: unknown };
  if (typeof text !== 'string') return undefined;
  if (title !== undefined && typeof title !== 'string') return undefined;
  return { text, title: title as string | undefined };
}
