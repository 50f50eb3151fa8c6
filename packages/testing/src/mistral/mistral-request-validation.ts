import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens } from '../simulators/token-count.js';
import { mistralErrorReply, mistralValidationReply } from './mistral-error-body.js';
import {
  mistralOutputDtypes,
  type SimulatedMistralLimits,
  type SimulatedMistralModel,
} from './mistral-simulator-models.js';

/** An accepted embeddings request. */
export interface ValidMistralRequest {
  readonly model: string;
  readonly info: SimulatedMistralModel;
  readonly inputs: readonly string[];
  readonly totalTokens: number;
  readonly dimension: number;
  readonly dtype: (typeof mistralOutputDtypes)[number];
  readonly encoding: 'float' | 'base64';
}

const knownFields = new Set([
  'model',
  'input',
  'output_dimension',
  'output_dtype',
  'encoding_format',
  'metadata',
]);

/**
 * Validates an embeddings request the way the service does: pydantic first (unknown fields,
 * types, enum values → 422), then the model, then what the model supports (`output_dimension`
 * and non-float dtypes only on codestral-embed), then the 512-input, 8192-per-input and
 * 16,384-per-request token caps (400, code 3210).
 */
export function validateMistralRequest(
  body: unknown,
  models: Readonly<Record<string, SimulatedMistralModel>>,
  limits: SimulatedMistralLimits,
): { request: ValidMistralRequest } | { reply: SimulatorReply } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      reply: mistralValidationReply([
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: body,
        },
      ]),
    };
  }
  const record = body as Record<string, unknown>;
  const problems = Object.keys(record)
    .filter((field) => !knownFields.has(field))
    .map((field) => ({
      type: 'extra_forbidden',
      loc: ['body', field],
      msg: 'Extra inputs are not permitted',
      input: record[field],
    }));
  if (typeof record.model !== 'string')
    problems.push({
      type: 'missing',
      loc: ['body', 'model'],
      msg: 'Field required',
      input: record.model,
    });
  const inputs = typeof record.input === 'string' ? [record.input] : record.input;
  if (!Array.isArray(inputs) || inputs.some((input) => typeof input !== 'string')) {
    problems.push({
      type: 'string_type',
      loc: ['body', 'input'],
      msg: 'Input should be a valid string or a list of strings',
      input: record.input,
    });
  }
  const dtype = record.output_dtype ?? 'float';
  if (!(mistralOutputDtypes as readonly unknown[]).includes(dtype)) {
    problems.push({
      type: 'enum',
      loc: ['body', 'output_dtype'],
      msg: "Input should be 'float', 'int8', 'uint8', 'binary' or 'ubinary'",
      input: dtype,
    });
  }
  const encoding = record.encoding_format ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64') {
    problems.push({
      type: 'enum',
      loc: ['body', 'encoding_format'],
      msg: "Input should be 'float' or 'base64'",
      input: encoding,
    });
  }
  const dimension = record.output_dimension;
  if (
    dimension !== undefined &&
    dimension !== null &&
    (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1)
  ) {
    problems.push({
      type: 'greater_than',
      loc: ['body', 'output_dimension'],
      msg: 'Input should be a positive integer',
      input: dimension,
    });
  }
  if (problems.length > 0) return { reply: mistralValidationReply(problems) };

  const model = record.model as string;
  const info = models[model];
  if (!info) {
    return {
      reply: mistralErrorReply(400, {
        message: `Invalid model: ${model}`,
        type: 'invalid_model',
        code: '1500',
      }),
    };
  }
  const invalid = (message: string) => ({
    reply: mistralErrorReply(400, { message, type: 'invalid_request_error' }),
  });
  if (dimension !== undefined && dimension !== null) {
    if (info.maxOutputDimension === undefined)
      return invalid(
        `output_dimension is not supported by ${model}; it always returns ${info.dim} dimensions.`,
      );
    if ((dimension as number) > info.maxOutputDimension)
      return invalid(
        `output_dimension must be at most ${info.maxOutputDimension}, got ${dimension}.`,
      );
  }
  if (dtype !== 'float' && !info.quantized)
    return invalid(`output_dtype ${String(dtype)} is not supported by ${model}; only float is.`);
  const texts = inputs as string[];
  if (texts.length === 0 || texts.some((text) => text === ''))
    return invalid('Input must be a non-empty string or a list of non-empty strings.');
  if (texts.length > limits.maxInputsPerRequest) {
    return {
      reply: mistralErrorReply(400, {
        message: 'Too many inputs in request, split into more batches.',
        type: 'invalid_request_prompt',
        code: '3210',
      }),
    };
  }
  const tokens = texts.map(countTokens);
  const over = tokens.findIndex((count) => count > info.maxTokensPerInput);
  if (over >= 0) {
    return {
      reply: mistralErrorReply(400, {
        message: `Input ${over} has ${tokens[over]} tokens, more than the ${info.maxTokensPerInput} tokens ${model} takes per input.`,
        type: 'invalid_request_prompt',
        code: '3210',
      }),
    };
  }
  const totalTokens = tokens.reduce((sum, count) => sum + count, 0);
  if (totalTokens > limits.maxTokensPerRequest) {
    return {
      reply: mistralErrorReply(400, {
        message: 'Too many tokens overall, split into more batches.',
        type: 'invalid_request_prompt',
        code: '3210',
      }),
    };
  }
  return {
    request: {
      model,
      info,
      inputs: texts,
      totalTokens,
      dimension: (dimension as number | undefined) ?? info.dim,
      dtype: dtype as ValidMistralRequest['dtype'],
      encoding: encoding as 'float' | 'base64',
    },
  };
}
