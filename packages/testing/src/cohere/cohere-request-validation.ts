import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens, truncateToTokens } from '../simulators/token-count.js';
import { cohereErrorReply } from './cohere-error-reply.js';
import {
  cohereSimulatorImageTokens,
  cohereSimulatorMaxImageBytes,
  cohereSimulatorMaxInputs,
  type SimulatedCohereModel,
} from './cohere-simulator-models.js';

/** One input of an accepted request, after the API's truncation. */
export type CohereSimulatedInput = { readonly text: string } | { readonly image: string };

/** A `/v2/embed` request the simulator accepted. */
export interface ValidCohereRequest {
  readonly model: string;
  readonly info: SimulatedCohereModel;
  readonly inputType: string;
  readonly inputs: readonly CohereSimulatedInput[];
  /** Whether the request used `texts` (the answer echoes them). */
  readonly texts: readonly string[] | undefined;
  readonly embeddingTypes: readonly string[];
  readonly outputDimension: number | undefined;
  readonly textTokens: number;
  readonly imageTokens: number;
}

const knownFields = new Set([
  'model',
  'input_type',
  'texts',
  'images',
  'inputs',
  'max_tokens',
  'output_dimension',
  'embedding_types',
  'truncate',
  'priority',
]);
const inputTypes = ['search_document', 'search_query', 'classification', 'clustering', 'image'];
const embeddingTypes = ['float', 'int8', 'uint8', 'binary', 'ubinary', 'base64'];
const imageUri = /^data:image\/(jpeg|png|webp|gif);base64,([A-Za-z0-9+/]+=*)$/;

/**
 * Validates a `/v2/embed` body the way the fact sheet says the service does: unknown fields, the
 * model (404 when unknown), `input_type`, exactly one of `texts` / `images` / `inputs`, at most 96
 * of them, images only where the model takes them, `embedding_types`, `output_dimension` (only
 * Matryoshka models, only their values), `truncate`, per-input context (refused under `NONE`, cut
 * otherwise) and the per-request token cap. Errors are `{ id, message }` with Cohere's wording.
 */
export function validateCohereRequest(
  body: unknown,
  models: Readonly<Record<string, SimulatedCohereModel>>,
): { request: ValidCohereRequest } | { reply: SimulatorReply } {
  const invalid = (message: string, status = 400) => ({ reply: cohereErrorReply(status, message) });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('invalid json syntax: the request body must be a JSON object');
  }
  const record = body as Record<string, unknown>;
  for (const field of Object.keys(record)) {
    if (!knownFields.has(field)) return invalid(`invalid request: unknown field "${field}"`);
  }
  const model = record.model;
  if (typeof model !== 'string' || model === '') {
    return invalid('a model parameter is required for this endpoint.');
  }
  const info = models[model];
  if (!info) {
    return invalid(
      `model '${model}' not found, make sure the correct model ID was used and that you have access to the model.`,
      404,
    );
  }
  const inputType = record.input_type;
  if (typeof inputType !== 'string' || !inputTypes.includes(inputType)) {
    return invalid('invalid request: valid input_type must be provided with the provided model');
  }
  const given = (['texts', 'images', 'inputs'] as const).filter(
    (field) => record[field] !== undefined,
  );
  if (given.length !== 1) {
    return invalid('invalid request: exactly one of texts, images or inputs must be provided');
  }
  const inputs = readInputs(record, given[0]!, inputType);
  if ('message' in inputs) return invalid(inputs.message);
  if (inputs.list.length > cohereSimulatorMaxInputs) {
    return invalid(
      `invalid request: total number of ${given[0]} must be at most ${cohereSimulatorMaxInputs} - received ${inputs.list.length}`,
    );
  }
  const images = inputs.list.filter((input) => 'image' in input) as { image: string }[];
  if (images.length > 0) {
    if (info.maxImagesPerRequest === undefined) {
      return invalid(`invalid request: model '${model}' does not support image inputs`);
    }
    if (images.length > info.maxImagesPerRequest) {
      return invalid(
        `invalid request: total number of images must be at most ${info.maxImagesPerRequest} - received ${images.length}`,
      );
    }
    const bytes = images.reduce(
      (sum, { image }) => sum + Buffer.byteLength(image.replace(imageUri, '$2'), 'base64'),
      0,
    );
    if (bytes > cohereSimulatorMaxImageBytes) {
      return invalid(
        `invalid request: the combined size of all images must be at most 20MB - received ${bytes} bytes`,
      );
    }
  }
  const types = record.embedding_types ?? ['float'];
  if (
    !Array.isArray(types) ||
    types.length === 0 ||
    !types.every((type) => typeof type === 'string' && embeddingTypes.includes(type))
  ) {
    return invalid(
      `invalid request: embedding_types must be a non-empty list of ${embeddingTypes.join(', ')}`,
    );
  }
  const outputDimension = record.output_dimension;
  if (outputDimension !== undefined) {
    if (!info.dimensions) {
      return invalid(`invalid request: output_dimension is not supported for model '${model}'`);
    }
    if (typeof outputDimension !== 'number' || !info.dimensions.includes(outputDimension)) {
      return invalid(
        `invalid request: output_dimension must be one of ${info.dimensions.join(', ')} - received ${JSON.stringify(outputDimension)}`,
      );
    }
  }
  const truncate = record.truncate ?? 'END';
  if (truncate !== 'NONE' && truncate !== 'START' && truncate !== 'END') {
    return invalid(
      `invalid request: truncate must be one of NONE, START or END - received ${JSON.stringify(truncate)}`,
    );
  }
  const priority = record.priority;
  if (
    priority !== undefined &&
    !(Number.isInteger(priority) && (priority as number) >= 0 && (priority as number) <= 999)
  ) {
    return invalid('invalid request: priority must be an integer between 0 and 999');
  }
  const maxTokens = record.max_tokens;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) > 0)) {
    return invalid('invalid request: max_tokens must be a positive integer');
  }
  const context = Math.min(
    info.maxTokensPerInput,
    (maxTokens as number | undefined) ?? Number.POSITIVE_INFINITY,
  );
  const cut: CohereSimulatedInput[] = [];
  let textTokens = 0;
  for (const [index, input] of inputs.list.entries()) {
    if (!('text' in input)) {
      cut.push(input);
      continue;
    }
    const tokens = countTokens(input.text);
    if (tokens > context && truncate === 'NONE') {
      return invalid(
        `too many tokens: input at index ${index} has ${tokens} tokens, more than the maximum of ${context}. Try using shorter inputs, or setting truncate to START or END.`,
      );
    }
    const text =
      tokens <= context
        ? input.text
        : truncateText(input.text, context, truncate as 'START' | 'END');
    textTokens += Math.min(tokens, context);
    cut.push({ text });
  }
  const imageTokens = images.length * cohereSimulatorImageTokens;
  if (
    info.maxTokensPerRequest !== undefined &&
    textTokens + imageTokens > info.maxTokensPerRequest
  ) {
    return invalid(
      `too many tokens: total number of tokens in the request cannot exceed ${info.maxTokensPerRequest} - received ${textTokens + imageTokens}. Try using shorter or fewer inputs.`,
    );
  }
  return {
    request: {
      model,
      info,
      inputType,
      inputs: cut,
      texts: given[0] === 'texts' ? (record.texts as string[]) : undefined,
      embeddingTypes: types as string[],
      outputDimension: outputDimension as number | undefined,
      textTokens,
      imageTokens,
    },
  };
}

/** `texts`, `images` or `inputs` as one list, or the refusal's message. */
function readInputs(
  record: Record<string, unknown>,
  field: 'texts' | 'images' | 'inputs',
  inputType: string,
): { list: CohereSimulatedInput[] } | { message: string } {
  const value = record[field];
  if (!Array.isArray(value) || value.length === 0) {
    return { message: `invalid request: ${field} must be a non-empty list` };
  }
  const list: CohereSimulatedInput[] = [];
  for (const [index, item] of value.entries()) {
    if (field === 'texts') {
      if (typeof item !== 'string')
        return { message: `invalid request: texts[${index}] must be a string` };
      if (item === '') {
        return {
          message: `invalid request: inputs contains an element that is the empty string at index ${index}`,
        };
      }
      list.push({ text: item });
    } else if (field === 'images') {
      if (inputType !== 'image')
        return { message: 'invalid request: images must be used with input_type=image' };
      if (typeof item !== 'string' || !imageUri.test(item)) {
        return {
          message: `invalid request: image at index ${index} must be a valid data URI of a jpeg, png, webp or gif image`,
        };
      }
      list.push({ image: item });
    } else {
      const parsed = readContent(item, index);
      if (typeof parsed === 'string') return { message: parsed };
      list.push(parsed);
    }
  }
  return { list };
}

/** One `inputs` entry (`{ content: [...] }`), simulated as its text parts joined or its image. */
function readContent(item: unknown, index: number): CohereSimulatedInput | string {
  const content = (item as { content?: unknown } | null)?.content;
  if (!Array.isArray(content) || content.length === 0) {
    return `invalid request: inputs[${index}].content must be a non-empty list`;
  }
  const texts: string[] = [];
  let image: string | undefined;
  for (const part of content as Record<string, unknown>[]) {
    if (part?.type === 'text' && typeof part.text === 'string' && part.text !== '')
      texts.push(part.text);
    else if (part?.type === 'image_url') {
      const url = (part.image_url as { url?: unknown } | undefined)?.url;
      if (typeof url !== 'string' || !imageUri.test(url)) {
        return `invalid request: inputs[${index}] has an image_url that is not a valid data URI of a jpeg, png, webp or gif image`;
      }
      image = url;
    } else
      return `invalid request: inputs[${index}].content has an invalid part; expected {type: "text", text} or {type: "image_url", image_url: {url}}`;
  }
  if (image !== undefined && texts.length === 0) return { image };
  return { text: [...texts, ...(image ? [`image ${image.length}`] : [])].join(' ') };
}

/** Cuts a text to `context` tokens from the end (`END`) or the start (`START`). */
function truncateText(text: string, context: number, truncate: 'START' | 'END'): string {
  if (truncate === 'END') return truncateToTokens(text, context);
  const words = text.split(/\s+/);
  let kept = '';
  for (let start = words.length - 1; start >= 0; start--) {
    const candidate = words.slice(start).join(' ');
    if (countTokens(candidate) > context) break;
    kept = candidate;
  }
  return kept;
}
