import { encodeBase64Floats } from '@embedkit/core';
import { contextualVectors, packSignBits, semanticVector } from '../simulators/semantic-vectors.js';
import { countTokens, truncateToTokens } from '../simulators/token-count.js';
import type { SimulatedInput, ValidatedEmbeddingRequest } from './jina-request-validation.js';

/** Tokens an image or PDF input is billed as (the service bills them by tiles; a flat guess). */
export const imageTokens = 1000;

/** Inputs after applying the token limit, or which input broke it. */
export type FittedInputs =
  | { readonly texts: string[]; readonly tokens: number }
  | {
      readonly tooLong: { readonly index: number; readonly tokens: number; readonly late: boolean };
    };

/**
 * Applies the model's context limit: each input alone, or with late chunking the concatenation
 * of all inputs (one sequence). Over the limit is an error unless `truncate`, which drops the tail.
 */
export function fitInputs(request: ValidatedEmbeddingRequest): FittedInputs {
  const limit = request.spec.maxTokens;
  const cost = (input: SimulatedInput) =>
    input.kind === 'text' ? countTokens(input.content) : imageTokens;
  const contents = request.inputs.map((input) =>
    input.kind === 'text' ? input.content : `${input.kind} ${input.content.slice(0, 200)}`,
  );
  if (request.lateChunking) {
    const total = request.inputs.reduce((sum, input) => sum + cost(input), 0);
    if (total <= limit) return { texts: contents, tokens: total };
    if (!request.truncate) return { tooLong: { index: 0, tokens: total, late: true } };
    let budget = limit;
    const texts = contents.map((text) => {
      const kept = truncateToTokens(text, Math.max(0, budget));
      budget -= countTokens(kept);
      return kept;
    });
    return { texts, tokens: limit - budget };
  }
  let tokens = 0;
  const texts: string[] = [];
  for (const [index, input] of request.inputs.entries()) {
    const count = cost(input);
    if (count > limit && input.kind === 'text') {
      if (!request.truncate) return { tooLong: { index, tokens: count, late: false } };
      texts.push(truncateToTokens(input.content, limit));
      tokens += limit;
    } else {
      texts.push(contents[index]!);
      tokens += count;
    }
  }
  return { texts, tokens };
}

/**
 * The vectors the simulated model returns: meaning-carrying, salted by the task (or colbert's
 * `input_type`) so query and passage vectors differ, context-dependent under late chunking, at
 * the requested `dimensions`, and scaled off unit length when `normalized` is false.
 * Exported so tests can compute exactly what a correct client should get back.
 */
export function simulatedVectors(
  texts: readonly string[],
  options: {
    dimensions: number;
    task?: string;
    inputType?: string;
    lateChunking?: boolean;
    normalized?: boolean;
  },
): Float32Array[] {
  const salt = options.task ?? options.inputType;
  const vectors = options.lateChunking
    ? contextualVectors(texts, options.dimensions, { salt })
    : texts.map((text) => semanticVector(text, options.dimensions, { salt }));
  if (options.normalized === false) {
    return vectors.map((vector, index) => {
      const scale = 1 + countTokens(texts[index]!) / 10;
      return vector.map((value) => value * scale);
    });
  }
  return vectors;
}

/** Per-token vectors for multi-vector output (colbert, v4 `return_multivector`). */
export function simulatedMultivectors(
  text: string,
  options: { dimensions: number; task?: string; inputType?: string },
): Float32Array[] {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  const salt = options.task ?? options.inputType;
  return tokens.map((token, position) =>
    semanticVector(`${token} ${tokens[position + 1] ?? ''}`, options.dimensions, { salt }),
  );
}

/** Encodes one vector as the requested `embedding_type` (or a dict of them for a list). */
export function encodeEmbedding(vector: Float32Array, types: readonly string[] | string): unknown {
  if (Array.isArray(types)) {
    return Object.fromEntries(types.map((type) => [type, encodeEmbedding(vector, type as string)]));
  }
  switch (types) {
    case 'base64':
      return encodeBase64Floats(vector);
    case 'binary':
      return Array.from(new Int8Array(packSignBits(vector).buffer));
    case 'ubinary':
      return Array.from(packSignBits(vector));
    default:
      return Array.from(vector);
  }
}
