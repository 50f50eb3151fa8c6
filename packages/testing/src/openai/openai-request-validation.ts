import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens } from '../simulators/token-count.js';
import { openaiErrorReply } from './openai-error-body.js';
import {
  type SimulatedOpenAILimits,
  type SimulatedOpenAIModel,
  simulatedOpenAILimits,
} from './openai-simulator-models.js';

/** A request the simulator accepted, with its token counts. */
export interface ValidOpenAIRequest {
  readonly model: string;
  readonly info: SimulatedOpenAIModel;
  /** Texts, or token arrays (the API accepts pre-tokenised input). */
  readonly inputs: readonly (string | readonly number[])[];
  readonly tokensPerInput: readonly number[];
  readonly totalTokens: number;
  readonly dimensions: number | undefined;
  readonly encodingFormat: 'float' | 'base64';
}

const knownFields = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);

/**
 * Validates an embeddings request the way the service does, in its order: unknown fields, the
 * model, `input` shape and count, `encoding_format`, `dimensions` (refused for models without
 * it, bounded by the model's size), the per-input context and the 300,000-token request cap.
 * `model` comes from the deployment in Azure mode, so it is passed in.
 */
export function validateOpenAIRequest(
  body: unknown,
  models: Readonly<Record<string, SimulatedOpenAIModel>>,
  deploymentModel?: string,
  limits: SimulatedOpenAILimits = simulatedOpenAILimits,
): { request: ValidOpenAIRequest } | { reply: SimulatorReply } {
  const invalid = (message: string, param: string | null = null, code: string | null = null) => ({
    reply: openaiErrorReply(400, { message, type: 'invalid_request_error', param, code }),
  });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
    );
  }
  const record = body as Record<string, unknown>;
  for (const field of Object.keys(record)) {
    if (!knownFields.has(field)) return invalid(`Unrecognized request argument supplied: ${field}`);
  }
  const model = deploymentModel ?? record.model;
  if (typeof model !== 'string' || model === '') {
    return invalid('you must provide a model parameter', 'model');
  }
  const info = models[model];
  if (!info) {
    return {
      reply: openaiErrorReply(404, {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        code: 'model_not_found',
      }),
    };
  }

  const inputs = readInputs(record.input);
  if (inputs === undefined) {
    return invalid(
      "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
      'input',
    );
  }
  if (inputs.length > limits.maxInputsPerRequest) {
    return invalid(
      `Too many inputs: ${inputs.length}. The maximum number of inputs is ${limits.maxInputsPerRequest}.`,
      'input',
    );
  }

  const encoding = record.encoding_format ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64') {
    return invalid(
      `Invalid value for 'encoding_format': expected one of 'float' or 'base64', got ${JSON.stringify(encoding)}.`,
      'encoding_format',
    );
  }
  if (record.user !== undefined && typeof record.user !== 'string') {
    return invalid("Invalid type for 'user': expected a string.", 'user');
  }

  const dimensions = record.dimensions;
  if (dimensions !== undefined) {
    if (!info.acceptsDimensions)
      return invalid('This model does not support specifying dimensions.');
    if (
      typeof dimensions !== 'number' ||
      !Number.isInteger(dimensions) ||
      dimensions < 1 ||
      dimensions > info.dim
    ) {
      return invalid(
        `Invalid value for 'dimensions' = ${JSON.stringify(dimensions)}. Must be an integer between 1 and ${info.dim}.`,
        'dimensions',
      );
    }
  }

  const tokensPerInput = inputs.map((input) =>
    typeof input === 'string' ? countTokens(input) : input.length,
  );
  for (const tokens of tokensPerInput) {
    if (tokens > info.maxTokensPerInput) {
      return invalid(
        `This model's maximum context length is ${info.maxTokensPerInput} tokens, however you requested ${tokens} tokens (${tokens} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
      );
    }
  }
  const totalTokens = tokensPerInput.reduce((total, tokens) => total + tokens, 0);
  if (totalTokens > limits.maxTokensPerRequest) {
    return {
      reply: openaiErrorReply(400, {
        message: `Requested ${totalTokens} tokens, max ${limits.maxTokensPerRequest} tokens per request`,
        type: 'max_tokens_per_request',
        code: 'max_tokens_per_request',
      }),
    };
  }
  return {
    request: {
      model,
      info,
      inputs,
      tokensPerInput,
      totalTokens,
      dimensions: dimensions as number | undefined,
      encodingFormat: encoding,
    },
  };
}

/** `input` as a list: a string, a token array, or a non-empty list of non-empty either. */
function readInputs(input: unknown): (string | number[])[] | undefined {
  const isTokens = (value: unknown): value is number[] =>
    Array.isArray(value) && value.length > 0 && value.every((token) => Number.isInteger(token));
  if (typeof input === 'string') return input === '' ? undefined : [input];
  if (isTokens(input)) return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  const inputs: (string | number[])[] = [];
  for (const item of input) {
    if (typeof item === 'string' && item !== '') inputs.push(item);
    else if (isTokens(item)) inputs.push(item);
    else return undefined;
  }
  return inputs;
}
