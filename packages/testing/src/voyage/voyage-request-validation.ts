import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens, truncateToTokens } from '../simulators/token-count.js';
import { voyageErrorReply } from './voyage-error-reply.js';
import { type SimulatedVoyageModel, voyageSimulatorMaxInputs } from './voyage-simulator-models.js';

/** A `/v1/embeddings` request the simulator accepted. */
export interface ValidVoyageRequest {
  readonly model: string;
  readonly info: SimulatedVoyageModel;
  /** Inputs after truncation. */
  readonly inputs: readonly string[];
  readonly inputType: 'document' | 'query' | null;
  readonly outputDimension: number | undefined;
  readonly outputDtype: 'float' | 'int8' | 'uint8' | 'binary' | 'ubinary';
  readonly base64: boolean;
  readonly totalTokens: number;
}

const knownFields = new Set([
  'input',
  'model',
  'input_type',
  'truncation',
  'output_dimension',
  'output_dtype',
  'encoding_format',
]);
const dtypes = ['float', 'int8', 'uint8', 'binary', 'ubinary'];

/**
 * Validates a `/v1/embeddings` body the way the fact sheet says the service does: unknown fields,
 * the model, `input` (a string or 1 to 1,000 non-empty strings), `input_type`, `truncation`,
 * `output_dimension` (only the model's values), `output_dtype` (quantised types only on the
 * models that have them), `encoding_format`, the context (refused with `truncation: false`, cut
 * otherwise) and the model's tokens per request, counted after truncation. Errors are `{ detail }`.
 */
export function validateVoyageRequest(
  body: unknown,
  models: Readonly<Record<string, SimulatedVoyageModel>>,
): { request: ValidVoyageRequest } | { reply: SimulatorReply } {
  const invalid = (detail: string) => ({ reply: voyageErrorReply(400, detail) });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('The request body is not a valid JSON object.');
  }
  const record = body as Record<string, unknown>;
  for (const field of Object.keys(record)) {
    if (!knownFields.has(field)) return invalid(`Unexpected argument '${field}'.`);
  }
  const model = record.model;
  if (typeof model !== 'string') return invalid("Field 'model' is required and must be a string.");
  const info = models[model];
  if (!info) {
    return invalid(
      `Model ${model} is not supported. Supported models are ${Object.keys(models).join(', ')}.`,
    );
  }
  const raw = typeof record.input === 'string' ? [record.input] : record.input;
  if (
    !Array.isArray(raw) ||
    raw.length === 0 ||
    !raw.every((text) => typeof text === 'string' && text !== '')
  ) {
    return invalid(
      "Field 'input' must be a non-empty string or a list of 1 to 1000 non-empty strings.",
    );
  }
  if (raw.length > voyageSimulatorMaxInputs) {
    return invalid(
      `The maximum length of the list (batch size) is ${voyageSimulatorMaxInputs}, but the list has ${raw.length} inputs. Please lower the number of inputs in the batch.`,
    );
  }
  const inputType = record.input_type ?? null;
  if (inputType !== null && inputType !== 'document' && inputType !== 'query') {
    return invalid(
      `Value '${String(inputType)}' supplied for argument 'input_type' is not valid; use 'query', 'document' or null.`,
    );
  }
  const truncation = record.truncation ?? true;
  if (typeof truncation !== 'boolean') return invalid("Argument 'truncation' must be a boolean.");
  const outputDimension = record.output_dimension ?? undefined;
  if (outputDimension !== undefined && !info.dimensions?.includes(outputDimension as number)) {
    return invalid(
      info.dimensions
        ? `Value '${String(outputDimension)}' supplied for argument 'output_dimension' is not valid for model ${model}; supported values are ${info.dimensions.join(', ')}.`
        : `Model ${model} does not support argument 'output_dimension'; leave it null.`,
    );
  }
  const outputDtype = record.output_dtype ?? 'float';
  if (typeof outputDtype !== 'string' || !dtypes.includes(outputDtype)) {
    return invalid(
      `Value '${String(outputDtype)}' supplied for argument 'output_dtype' is not valid; use one of ${dtypes.join(', ')}.`,
    );
  }
  if (outputDtype !== 'float' && !info.quantized) {
    return invalid(
      `Model ${model} does not support output_dtype '${outputDtype}'; only 'float' is supported.`,
    );
  }
  const encoding = record.encoding_format ?? null;
  if (encoding !== null && encoding !== 'base64') {
    return invalid(
      `Value '${String(encoding)}' supplied for argument 'encoding_format' is not valid; use null or 'base64'.`,
    );
  }
  const inputs: string[] = [];
  let totalTokens = 0;
  for (const [index, text] of (raw as string[]).entries()) {
    const tokens = countTokens(text);
    if (tokens > info.maxTokensPerInput && !truncation) {
      return invalid(
        `Request to model '${model}' failed. Input text at index ${index} has ${tokens} tokens, which exceeds the context length of ${info.maxTokensPerInput} tokens. Please shorten the input or set truncation to true.`,
      );
    }
    inputs.push(
      tokens > info.maxTokensPerInput ? truncateToTokens(text, info.maxTokensPerInput) : text,
    );
    totalTokens += Math.min(tokens, info.maxTokensPerInput);
  }
  if (totalTokens > info.maxTokensPerRequest) {
    return invalid(
      `Request to model '${model}' failed. The max allowed tokens per submitted batch is ${info.maxTokensPerRequest}. Your batch has ${totalTokens} tokens after truncation. Please lower the number of tokens in the batch.`,
    );
  }
  return {
    request: {
      model,
      info,
      inputs,
      inputType: inputType as 'document' | 'query' | null,
      outputDimension: outputDimension as number | undefined,
      outputDtype: outputDtype as ValidVoyageRequest['outputDtype'],
      base64: encoding === 'base64',
      totalTokens,
    },
  };
}
