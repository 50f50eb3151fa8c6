import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens, truncateToTokens } from '../simulators/token-count.js';
import { bedrockErrorReply, malformedInput } from './bedrock-error-reply.js';

/** The request formats of Bedrock's text embedding models. */
export type BedrockModelFamily = 'titan-v1' | 'titan-v2' | 'cohere-v3' | 'cohere-v4';

/** How the simulator serves one model id. */
export interface SimulatedBedrockModel {
  readonly family: BedrockModelFamily;
  /** Full vector length. */
  readonly dim: number;
}

/** Bedrock's text embedding models, from its model parameter pages. */
export const simulatedBedrockModels: Readonly<Record<string, SimulatedBedrockModel>> = {
  'amazon.titan-embed-text-v1': { family: 'titan-v1', dim: 1536 },
  'amazon.titan-embed-text-v2:0': { family: 'titan-v2', dim: 1024 },
  'cohere.embed-english-v3': { family: 'cohere-v3', dim: 1024 },
  'cohere.embed-multilingual-v3': { family: 'cohere-v3', dim: 1024 },
  'cohere.embed-v4:0': { family: 'cohere-v4', dim: 1536 },
};

/** What one valid request asks for, in a family-neutral shape. */
export interface ValidBedrockRequest {
  /** The texts as the model embeds them (after truncation). */
  readonly texts: readonly string[];
  readonly tokens: number;
  readonly dimensions: number;
  readonly normalize: boolean;
  readonly embeddingTypes: readonly string[] | undefined;
  readonly inputType: string | undefined;
}

const allowedKeys: Record<BedrockModelFamily, readonly string[]> = {
  'titan-v1': ['inputText'],
  'titan-v2': ['inputText', 'dimensions', 'normalize', 'embeddingTypes'],
  'cohere-v3': ['texts', 'images', 'input_type', 'truncate', 'embedding_types'],
  'cohere-v4': [
    'texts',
    'images',
    'inputs',
    'input_type',
    'embedding_types',
    'output_dimension',
    'max_tokens',
    'truncate',
  ],
};

/** Per-input limits: Titan 8,192 tokens and 50,000 characters; Cohere v3 2,048 characters, 512 tokens. */
const titanMaxTokens = 8192;
const titanMaxCharacters = 50_000;
const cohereV3MaxCharacters = 2048;
const cohereV3MaxTokens = 512;
const cohereMaxTexts = 96;

/**
 * Checks an InvokeModel body against the model's documented schema with Bedrock's wording
 * (`Malformed input request: #/…`): extraneous keys, required keys, types, enums, the 96-text and
 * per-text character limits, and token limits (Titan always; Cohere v3 with `truncate: NONE`,
 * its default).
 */
export function validateBedrockRequest(
  body: unknown,
  model: SimulatedBedrockModel,
): { request: ValidBedrockRequest } | { reply: SimulatorReply } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { reply: malformedInput('#: expected type: JSONObject, found: String') };
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowedKeys[model.family].includes(key)) {
      return { reply: malformedInput(`#: extraneous key [${key}] is not permitted`) };
    }
  }
  return model.family.startsWith('titan') ? titan(record, model) : cohere(record, model);
}

function titan(
  body: Record<string, unknown>,
  model: SimulatedBedrockModel,
): { request: ValidBedrockRequest } | { reply: SimulatorReply } {
  const text = body.inputText;
  if (text === undefined) return { reply: malformedInput('#: required key [inputText] not found') };
  if (typeof text !== 'string') {
    return { reply: malformedInput('#/inputText: expected type: String, found: JSONArray') };
  }
  if (text.length === 0) {
    return { reply: malformedInput('#/inputText: expected minLength: 1, actual: 0') };
  }
  if (text.length > titanMaxCharacters) {
    return {
      reply: malformedInput(
        `#/inputText: expected maxLength: ${titanMaxCharacters}, actual: ${text.length}`,
      ),
    };
  }
  const tokens = countTokens(text);
  if (tokens > titanMaxTokens) {
    return {
      reply: bedrockErrorReply(
        'ValidationException',
        `400 Bad Request: Too many input tokens. Max input tokens: ${titanMaxTokens}, request input token count: ${tokens} `,
      ),
    };
  }
  let dimensions = model.dim;
  if (body.dimensions !== undefined) {
    if (![256, 512, 1024].includes(body.dimensions as number)) {
      return {
        reply: malformedInput(`#/dimensions: ${String(body.dimensions)} is not a valid enum value`),
      };
    }
    dimensions = body.dimensions as number;
  }
  if (body.normalize !== undefined && typeof body.normalize !== 'boolean') {
    return { reply: malformedInput('#/normalize: expected type: Boolean, found: String') };
  }
  const types = body.embeddingTypes;
  if (types !== undefined) {
    const problem = enumList(types, ['float', 'binary'], '#/embeddingTypes');
    if (problem) return { reply: problem };
  }
  return {
    request: {
      texts: [text],
      tokens,
      dimensions,
      normalize: body.normalize !== false,
      embeddingTypes: types as string[] | undefined,
      inputType: undefined,
    },
  };
}

function cohere(
  body: Record<string, unknown>,
  model: SimulatedBedrockModel,
): { request: ValidBedrockRequest } | { reply: SimulatorReply } {
  const v4 = model.family === 'cohere-v4';
  if (body.input_type === undefined) {
    return { reply: malformedInput('#: required key [input_type] not found') };
  }
  const inputTypes = ['search_document', 'search_query', 'classification', 'clustering'];
  if (!v4) inputTypes.push('image');
  if (!inputTypes.includes(body.input_type as string)) {
    return {
      reply: malformedInput(`#/input_type: ${String(body.input_type)} is not a valid enum value`),
    };
  }
  const texts = body.texts;
  if (texts === undefined) {
    return { reply: malformedInput('#: required key [texts] not found') };
  }
  if (!Array.isArray(texts)) {
    return { reply: malformedInput('#/texts: expected type: JSONArray, found: String') };
  }
  if (texts.length > cohereMaxTexts) {
    return {
      reply: malformedInput(
        `#/texts: expected maximum item count: ${cohereMaxTexts}, found: ${texts.length}`,
      ),
    };
  }
  for (const [index, text] of texts.entries()) {
    if (typeof text !== 'string') {
      return { reply: malformedInput(`#/texts/${index}: expected type: String, found: Integer`) };
    }
    if (!v4 && text.length > cohereV3MaxCharacters) {
      return {
        reply: malformedInput(
          `#/texts/${index}: expected maxLength: ${cohereV3MaxCharacters}, actual: ${text.length}`,
        ),
      };
    }
  }
  const truncations = v4 ? ['NONE', 'LEFT', 'RIGHT'] : ['NONE', 'START', 'END'];
  if (body.truncate !== undefined && !truncations.includes(body.truncate as string)) {
    return {
      reply: malformedInput(`#/truncate: ${String(body.truncate)} is not a valid enum value`),
    };
  }
  const truncate = (body.truncate as string | undefined) ?? 'NONE';
  const limit = v4 ? ((body.max_tokens as number | undefined) ?? 128_000) : cohereV3MaxTokens;
  const embedded: string[] = [];
  let tokens = 0;
  for (const [index, text] of (texts as string[]).entries()) {
    const count = countTokens(text);
    embedded.push(
      count > limit && truncate !== 'NONE'
        ? truncateToTokens(text, limit, truncate === 'START' || truncate === 'LEFT')
        : text,
    );
    if (truncate === 'NONE' && count > limit) {
      return {
        reply: bedrockErrorReply(
          'ValidationException',
          `Input text at index ${index} has ${count} tokens, more than the model's maximum of ${limit}; set truncate to ${v4 ? 'LEFT or RIGHT' : 'START or END'} to truncate it.`,
        ),
      };
    }
    tokens += Math.min(count, limit);
  }
  const types = body.embedding_types;
  if (types !== undefined) {
    const problem = enumList(
      types,
      ['float', 'int8', 'uint8', 'binary', 'ubinary'],
      '#/embedding_types',
    );
    if (problem) return { reply: problem };
  }
  let dimensions = model.dim;
  if (body.output_dimension !== undefined) {
    if (![256, 512, 1024, 1536].includes(body.output_dimension as number)) {
      return {
        reply: malformedInput(
          `#/output_dimension: ${String(body.output_dimension)} is not a valid enum value`,
        ),
      };
    }
    dimensions = body.output_dimension as number;
  }
  if (
    body.max_tokens !== undefined &&
    !(Number.isInteger(body.max_tokens) && (body.max_tokens as number) >= 1)
  ) {
    return { reply: malformedInput('#/max_tokens: expected minimum: 1') };
  }
  return {
    request: {
      texts: embedded,
      tokens,
      dimensions,
      normalize: true,
      embeddingTypes: types as string[] | undefined,
      inputType: body.input_type as string,
    },
  };
}

function enumList(value: unknown, allowed: readonly string[], path: string) {
  if (!Array.isArray(value))
    return malformedInput(`${path}: expected type: JSONArray, found: String`);
  if (value.length === 0)
    return malformedInput(`${path}: expected minimum item count: 1, found: 0`);
  for (const [index, item] of value.entries()) {
    if (!allowed.includes(item as string)) {
      return malformedInput(`${path}/${index}: ${String(item)} is not a valid enum value`);
    }
  }
  return undefined;
}
