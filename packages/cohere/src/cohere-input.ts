import { describeValue, estimateTokens, InvalidInputError } from '@embedkit/core';
import type { CohereModelSpec } from './cohere-models.js';

/**
 * What Cohere embeds: a text, `{ text }`, or on embed-v4.0 `{ image }` as a data URI
 * (`data:image/png;base64,…`) or the image's bytes (JPEG, PNG, WebP or GIF, recognised by their
 * signature and sent as a data URI).
 */
export type CohereInput =
  | string
  | { readonly text: string }
  | { readonly image: string | Uint8Array };

/** One entry of the `/v2/embed` `inputs` field. */
export type CohereWireInput = {
  content: ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];
};

const imageDataUri = /^data:image\/(jpeg|png|webp|gif);base64,[A-Za-z0-9+/]+=*$/;

/** The text of a text input, `undefined` for an image. */
export function inputText(input: CohereInput): string | undefined {
  if (typeof input === 'string') return input;
  return 'text' in input ? input.text : undefined;
}

/** The `inputs` entry for one input. */
export function toWireInput(input: CohereInput): CohereWireInput {
  const text = inputText(input);
  if (text !== undefined) return { content: [{ type: 'text', text }] };
  const image = (input as { image: string | Uint8Array }).image;
  const url = typeof image === 'string' ? image : bytesToDataUri(image);
  return { content: [{ type: 'image_url', image_url: { url } }] };
}

/** Tokens an image is estimated at for batch planning (Oracle: a 512 × 512 image ≈ 1,610). */
const imageTokens = 2000;

/** Token estimate of one input, for batch planning. */
export function estimateInputTokens(input: CohereInput): number {
  const text = inputText(input);
  return text === undefined ? imageTokens : estimateTokens(text);
}

const loneSurrogate = /\p{Cs}/u;

/**
 * Checks inputs before any call and names the first bad one: not an array, neither a string nor
 * `{ text }` / `{ image }`, an empty text (unless `allowEmpty`), broken UTF-16, an image that is
 * not a JPEG/PNG/WebP/GIF data URI or bytes, or an image for a model that embeds only text here.
 */
export function validateCohereInputs(
  inputs: unknown,
  model: string,
  spec: CohereModelSpec | undefined,
  allowEmpty = false,
): asserts inputs is CohereInput[] {
  if (!Array.isArray(inputs)) {
    throw new InvalidInputError({
      message: `Expected an array of inputs, got ${describeValue(inputs)}. Wrap a single text in an array: ["text"].`,
    });
  }
  for (let index = 0; index < inputs.length; index++) {
    const input: unknown = inputs[index];
    const record =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : undefined;
    const text =
      typeof input === 'string'
        ? input
        : typeof record?.text === 'string'
          ? record.text
          : undefined;
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
      continue;
    }
    const image = record?.image;
    if (typeof image !== 'string' && !(image instanceof Uint8Array)) {
      throw new InvalidInputError({
        message: `Input ${index} is ${describeValue(input)}, not a string, { text } or { image }.`,
        index,
      });
    }
    if (spec && !spec.inputKinds.includes('image')) {
      throw new InvalidInputError({
        message: `Input ${index} is an image, but ${model} embeds only text through embedkit; use embed-v4.0 for images.`,
        index,
      });
    }
    const problem =
      typeof image === 'string'
        ? imageDataUri.test(image)
          ? undefined
          : 'a string that is not a base64 data URI of a JPEG, PNG, WebP or GIF image (data:image/png;base64,…)'
        : imageMimeType(image)
          ? undefined
          : 'bytes that are not a JPEG, PNG, WebP or GIF image';
    if (problem) {
      throw new InvalidInputError({
        message: `Input ${index} is an image given as ${problem}; Cohere takes only those formats.`,
        index,
      });
    }
  }
}

/** The MIME type of image bytes from their signature, or `undefined`. */
export function imageMimeType(bytes: Uint8Array): string | undefined {
  const starts = (...signature: number[]) =>
    signature.every((value, position) => bytes[position] === value);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  ) {
    return 'image/webp';
  }
  return undefined;
}

function bytesToDataUri(bytes: Uint8Array): string {
  return `data:${imageMimeType(bytes) ?? 'image/png'};base64,${Buffer.from(bytes).toString('base64')}`;
}
