import { describeValue, estimateTokens, InvalidInputError } from '@embedkit/core';
import type { JinaInputKind, JinaModelSpec } from './jina-models.js';

/**
 * What Jina embeds: a text, `{ text }`, or for multimodal models (v4, clip) `{ image }` as a URL
 * or bytes, and for v4 `{ pdf }` likewise. Bytes are sent base64-encoded.
 */
export type JinaInput =
  | string
  | { readonly text: string }
  | { readonly image: string | Uint8Array }
  | { readonly pdf: string | Uint8Array };

/** The kind of an input. */
export function inputKind(input: JinaInput): JinaInputKind {
  if (typeof input === 'string' || 'text' in input) return 'text';
  return 'image' in input ? 'image' : 'pdf';
}

/** The JSON form of an input for the request body. */
export function toWireInput(input: JinaInput): string | Record<string, string> {
  if (typeof input === 'string') return input;
  if ('text' in input) return { text: input.text };
  const [kind, value] = 'image' in input ? ['image', input.image] : ['pdf', input.pdf];
  return { [kind]: typeof value === 'string' ? value : Buffer.from(value).toString('base64') };
}

/** Tokens an image or PDF is estimated at for batch planning (Jina bills by tiles). */
const mediaTokens = 1000;

/** Token estimate of one input, for batch planning. */
export function estimateInputTokens(input: JinaInput): number {
  if (typeof input === 'string') return estimateTokens(input);
  if ('text' in input) return estimateTokens(input.text);
  return mediaTokens;
}

const loneSurrogate = /\p{Cs}/u;

/**
 * Checks inputs before any call and names the first bad one: not an array, an element that is
 * neither a string nor `{ text | image | pdf }`, an empty text (unless `allowEmpty`), broken
 * UTF-16, or an image / PDF for a model that embeds only text.
 */
export function validateJinaInputs(
  inputs: unknown,
  model: string,
  spec: JinaModelSpec | undefined,
  allowEmpty = false,
): asserts inputs is JinaInput[] {
  if (!Array.isArray(inputs)) {
    throw new InvalidInputError({
      message: `Expected an array of inputs, got ${describeValue(inputs)}. Wrap a single text in an array: ["text"].`,
    });
  }
  for (let index = 0; index < inputs.length; index++) {
    const input: unknown = inputs[index];
    const text = typeof input === 'string' ? input : readText(input);
    const kind = typeof input === 'string' ? 'text' : readMediaKind(input);
    if (text === undefined && kind === undefined) {
      throw new InvalidInputError({
        message: `Input ${index} is ${describeValue(input)}, not a string, { text }, { image } or { pdf }.`,
        index,
      });
    }
    if (text !== undefined) {
      if (!allowEmpty && text.trim() === '') {
        throw new InvalidInputError({
          message: `Input ${index} is ${text === '' ? 'an empty string' : 'only whitespace'}; it would embed as noise. Remove it, or pass { allowEmpty: true } if that is intended.`,
          index,
        });
      }
      if (loneSurrogate.test(text)) {
        throw new InvalidInputError({
          message: `Input ${index} contains a lone UTF-16 surrogate (text cut in the middle of an emoji); fix or drop it.`,
          index,
        });
      }
    } else if (spec && kind && !spec.inputKinds.includes(kind)) {
      throw new InvalidInputError({
        message: `Input ${index} is an ${kind}, but ${model} embeds only ${spec.inputKinds.join(' and ')}; use jina-embeddings-v4 or jina-clip-v2 for images.`,
        index,
      });
    }
  }
}

function readText(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const text = (input as { text?: unknown }).text;
  return typeof text === 'string' ? text : undefined;
}

function readMediaKind(input: unknown): JinaInputKind | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  for (const kind of ['image', 'pdf'] as const) {
    const value = (input as Record<string, unknown>)[kind];
    if (typeof value === 'string' ? value !== '' : value instanceof Uint8Array) return kind;
  }
  return undefined;
}
