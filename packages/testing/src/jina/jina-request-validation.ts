import type { SimulatorReply } from '../simulators/http-simulator.js';
import { type JinaFieldError, jinaError, jinaValidationError } from './jina-error-replies.js';
import { type SimulatedJinaModel, simulatedJinaModels } from './jina-simulator-models.js';

/** One input after validation: its kind and the content the vectors are computed from. */
export interface SimulatedInput {
  readonly kind: 'text' | 'image' | 'pdf';
  readonly content: string;
}

/** An embeddings request the simulator accepted. */
export interface ValidatedEmbeddingRequest {
  readonly model: string;
  readonly spec: SimulatedJinaModel;
  readonly inputs: SimulatedInput[];
  readonly task?: string;
  readonly inputType?: string;
  readonly dimensions: number;
  readonly lateChunking: boolean;
  readonly normalized: boolean;
  readonly embeddingTypes: readonly string[] | string;
  readonly truncate: boolean;
  readonly returnMultivector: boolean;
}

const universalFields = ['model', 'input'];
const embeddingTypes = ['float', 'base64', 'binary', 'ubinary'];

/**
 * Validates a `/v1/embeddings` body the way the service does: unknown model → 400
 * `INPUT_MODEL_NOT_FOUND`; a field the model does not define → 422 `extra_forbidden`; a bad
 * value → 422 naming the field; more inputs than `maxInputs` → 422 on `input`; more inputs than
 * the model's own cap (v4: 512) → 400 "Each input list can contain at most 512 items".
 */
export function validateEmbeddingRequest(
  body: unknown,
  maxInputs: number,
  extraModels: Readonly<Record<string, SimulatedJinaModel>> = {},
): { request: ValidatedEmbeddingRequest } | { reply: SimulatorReply } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      reply: jinaValidationError([
        { field: 'body', message: 'Input should be a valid JSON object', type: 'model_type' },
      ]),
    };
  }
  const record = { ...(body as Record<string, unknown>) };
  if (typeof record.model !== 'string') {
    return {
      reply: jinaValidationError([{ field: 'model', message: 'Field required', type: 'missing' }]),
    };
  }
  const spec = simulatedJinaModels[record.model] ?? extraModels[record.model];
  if (!spec) {
    return {
      reply: jinaError(
        400,
        'INPUT_MODEL_NOT_FOUND',
        `Model "${record.model}" not found. Check the model name.`,
      ),
    };
  }
  if (
    spec.maxInputs !== undefined &&
    Array.isArray(record.input) &&
    record.input.length > spec.maxInputs
  ) {
    return {
      reply: jinaError(
        400,
        undefined,
        `Validation error: 'body -> ${record.model}' Each input list can contain at most ${spec.maxInputs} items.`,
      ),
    };
  }
  const errors: JinaFieldError[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (!universalFields.includes(field) && !spec.fields.includes(field)) {
      errors.push({
        field,
        message: 'Extra inputs are not permitted',
        type: 'extra_forbidden',
        input: value,
      });
      record[field] = undefined;
    }
  }
  const inputs = readInputs(record.input, spec, maxInputs, errors);
  const boolean = (field: string, fallback: boolean) => {
    const value = record[field];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      errors.push({
        field,
        message: 'Input should be a valid boolean',
        type: 'bool_type',
        input: value,
      });
    }
    return value === true;
  };
  const task = record.task;
  if (task !== undefined && (typeof task !== 'string' || !spec.tasks?.includes(task))) {
    errors.push({
      field: 'task',
      message: `Input should be ${(spec.tasks ?? []).map((name) => `'${name}'`).join(' or ')}`,
      type: 'literal_error',
      input: task,
    });
  }
  const inputType = record.input_type;
  if (inputType !== undefined && inputType !== 'query' && inputType !== 'document') {
    errors.push({
      field: 'input_type',
      message: "Input should be 'query' or 'document'",
      type: 'literal_error',
      input: inputType,
    });
  }
  const dimensions = readDimensions(record.dimensions, spec, errors);
  const types = record.embedding_type ?? 'float';
  const typeList = Array.isArray(types) ? types : [types];
  if (typeList.length === 0 || typeList.some((type) => !embeddingTypes.includes(type as string))) {
    errors.push({
      field: 'embedding_type',
      message: "Input should be 'float', 'base64', 'binary' or 'ubinary'",
      type: 'literal_error',
      input: types,
    });
  }
  const lateChunking = boolean('late_chunking', false);
  const returnMultivector = boolean('return_multivector', false);
  if (returnMultivector && record.dimensions !== undefined) {
    errors.push({
      field: 'return_multivector',
      message: 'return_multivector cannot be combined with dimensions',
      type: 'value_error',
    });
  }
  if (lateChunking && inputs.some((input) => input.kind !== 'text')) {
    errors.push({
      field: 'late_chunking',
      message: 'late_chunking works on text inputs only',
      type: 'value_error',
    });
  }
  const normalized = boolean('normalized', true);
  const truncate = boolean('truncate', false);
  if (errors.length > 0) return { reply: jinaValidationError(errors) };
  return {
    request: {
      model: record.model,
      spec,
      inputs,
      task: task as string | undefined,
      inputType: inputType as string | undefined,
      dimensions,
      lateChunking,
      normalized: spec.fields.includes('normalized') ? normalized : true,
      embeddingTypes: types as string[] | string,
      truncate,
      returnMultivector: returnMultivector || spec.multivectorOnly === true,
    },
  };
}

function readInputs(
  input: unknown,
  spec: SimulatedJinaModel,
  maxInputs: number,
  errors: JinaFieldError[],
): SimulatedInput[] {
  const list = Array.isArray(input) ? input : [input];
  if (input === undefined) {
    errors.push({ field: 'input', message: 'Field required', type: 'missing' });
    return [];
  }
  if (list.length === 0) {
    errors.push({ field: 'input', message: 'List should have at least 1 item', type: 'too_short' });
  }
  if (list.length > maxInputs) {
    errors.push({
      field: 'input',
      message: `List should have at most ${maxInputs} items after validation, not ${list.length}`,
      type: 'too_long',
    });
    return [];
  }
  const inputs: SimulatedInput[] = [];
  for (const [index, item] of list.entries()) {
    const field = `input.${index}`;
    if (typeof item === 'string') {
      inputs.push({ kind: 'text', content: item });
      continue;
    }
    const record =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const kind = (['text', 'image', 'pdf'] as const).find((key) => typeof record[key] === 'string');
    if (!kind || Object.keys(record).length !== 1) {
      errors.push({
        field,
        message: 'Input should be a string or an object with one of text, image, pdf',
        type: 'union_tag_invalid',
        input: item,
      });
    } else if (!spec.inputKinds.includes(kind)) {
      errors.push({
        field: `${field}.${kind}`,
        message: `This model does not accept ${kind} inputs`,
        type: 'extra_forbidden',
      });
    } else {
      inputs.push({ kind, content: record[kind] as string });
    }
  }
  return inputs;
}

function readDimensions(
  value: unknown,
  spec: SimulatedJinaModel,
  errors: JinaFieldError[],
): number {
  if (value === undefined) return spec.defaultDimensions;
  const allowed = spec.dimensions;
  const valid =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    (Array.isArray(allowed)
      ? allowed.includes(value)
      : allowed !== undefined && 'min' in allowed && value >= allowed.min && value <= allowed.max);
  if (!valid) {
    const range = Array.isArray(allowed)
      ? `one of ${allowed.join(', ')}`
      : allowed && 'min' in allowed
        ? `an integer from ${allowed.min} to ${allowed.max}`
        : `${spec.defaultDimensions}`;
    errors.push({
      field: 'dimensions',
      message: `Input should be ${range}`,
      type: 'value_error',
      input: value,
    });
    return spec.defaultDimensions;
  }
  return value;
}
