import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens } from '../simulators/token-count.js';
import { googleErrorReply, googleInvalidArgumentReply } from './gemini-error-body.js';
import { geminiTaskTypeEnum, type SimulatedGeminiModel } from './gemini-simulator-models.js';

/** One accepted `EmbedContentRequest`. */
export interface ValidGeminiItem {
  readonly text: string;
  readonly taskType: string | undefined;
  readonly title: string | undefined;
  readonly outputDimensionality: number | undefined;
  readonly tokens: number;
}

const topLevelFields = new Set(['requests']);
const requestFields = new Set(['model', 'content', 'taskType', 'title', 'outputDimensionality']);
const contentFields = new Set(['parts', 'role']);
const partFields = new Set(['text']);

/**
 * Validates a `batchEmbedContents` body the way the service does: the JSON parser first (unknown
 * fields, enum values, types), then the batch (at most `maxRequests`), then each request (model
 * matches the URL, task type for the model, title only for RETRIEVAL_DOCUMENT, dimensionality
 * in range, text present and within the model's tokens).
 */
export function validateGeminiBatch(
  body: unknown,
  model: string,
  info: SimulatedGeminiModel,
  maxRequests: number,
): { items: ValidGeminiItem[] } | { reply: SimulatorReply } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      reply: googleInvalidArgumentReply('Invalid JSON payload received. Expected an object.'),
    };
  }
  const record = body as Record<string, unknown>;
  const unknown = unknownField(record, topLevelFields, '');
  if (unknown) return { reply: unknown };
  const requests = record.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    return {
      reply: googleInvalidArgumentReply(
        '* BatchEmbedContentsRequest.requests: requests is required\n',
        'requests',
      ),
    };
  }
  if (requests.length > maxRequests) {
    return {
      reply: googleInvalidArgumentReply(
        `* BatchEmbedContentsRequest.requests: at most ${maxRequests} requests can be in one batch\n`,
        'requests',
      ),
    };
  }
  const items: ValidGeminiItem[] = [];
  for (const [index, request] of requests.entries()) {
    const where = `requests[${index}]`;
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return {
        reply: googleInvalidArgumentReply(
          `Invalid value at '${where}', expected an object.`,
          where,
        ),
      };
    }
    const entry = request as Record<string, unknown>;
    const parsed = parseItem(entry, where);
    if ('reply' in parsed) return parsed;
    const item = parsed.item;
    if (entry.model !== `models/${model}`) {
      return {
        reply: googleInvalidArgumentReply(
          `* BatchEmbedContentsRequest.${where}.model: the model in each request must match the model of the batch, models/${model}\n`,
          `${where}.model`,
        ),
      };
    }
    if (item.taskType !== undefined && !info.taskTypes.includes(item.taskType)) {
      return {
        reply: googleInvalidArgumentReply(
          `* BatchEmbedContentsRequest.${where}.task_type: ${item.taskType} is not supported by models/${model}\n`,
          `${where}.task_type`,
        ),
      };
    }
    if (item.title !== undefined && item.taskType !== 'RETRIEVAL_DOCUMENT') {
      return {
        reply: googleInvalidArgumentReply(
          `* BatchEmbedContentsRequest.${where}.title: a title is only applicable when task_type is RETRIEVAL_DOCUMENT\n`,
          `${where}.title`,
        ),
      };
    }
    const dimensions = item.outputDimensionality;
    if (
      dimensions !== undefined &&
      (dimensions < info.dimensions.min || dimensions > info.dimensions.max)
    ) {
      return {
        reply: googleInvalidArgumentReply(
          `* BatchEmbedContentsRequest.${where}.output_dimensionality: must be between ${info.dimensions.min} and ${info.dimensions.max} for models/${model}, got ${dimensions}\n`,
          `${where}.output_dimensionality`,
        ),
      };
    }
    if (item.text.trim() === '') {
      return {
        reply: googleInvalidArgumentReply(
          `* BatchEmbedContentsRequest.${where}.content.parts: text must not be empty\n`,
          `${where}.content`,
        ),
      };
    }
    if (item.tokens > info.maxTokensPerInput) {
      return {
        reply: googleErrorReply(
          400,
          `The input token count (${item.tokens}) exceeds the maximum number of tokens allowed (${info.maxTokensPerInput}).`,
        ),
      };
    }
    items.push(item);
  }
  return { items };
}

/** The JSON parser's part: fields, types and the task type enum of one request. */
function parseItem(
  entry: Record<string, unknown>,
  where: string,
): { item: ValidGeminiItem } | { reply: SimulatorReply } {
  const unknown = unknownField(entry, requestFields, where);
  if (unknown) return { reply: unknown };
  const content = entry.content;
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    return {
      reply: googleInvalidArgumentReply(
        `* BatchEmbedContentsRequest.${where}.content: content is required\n`,
        `${where}.content`,
      ),
    };
  }
  const contentRecord = content as Record<string, unknown>;
  const unknownInContent = unknownField(contentRecord, contentFields, `${where}.content`);
  if (unknownInContent) return { reply: unknownInContent };
  const parts = contentRecord.parts;
  if (!Array.isArray(parts) || parts.length === 0) {
    return {
      reply: googleInvalidArgumentReply(
        `* BatchEmbedContentsRequest.${where}.content.parts: parts must not be empty\n`,
        `${where}.content.parts`,
      ),
    };
  }
  let text = '';
  for (const [partIndex, part] of parts.entries()) {
    const partWhere = `${where}.content.parts[${partIndex}]`;
    if (typeof part !== 'object' || part === null) {
      return {
        reply: googleInvalidArgumentReply(
          `Invalid value at '${partWhere}', expected an object.`,
          partWhere,
        ),
      };
    }
    const unknownInPart = unknownField(part as Record<string, unknown>, partFields, partWhere);
    if (unknownInPart) return { reply: unknownInPart };
    const partText = (part as { text?: unknown }).text;
    if (typeof partText !== 'string') {
      return {
        reply: googleInvalidArgumentReply(
          `Invalid value at '${partWhere}.text' (TYPE_STRING)`,
          `${partWhere}.text`,
        ),
      };
    }
    text += partText;
  }
  const taskType = entry.taskType;
  if (
    taskType !== undefined &&
    (typeof taskType !== 'string' || !(geminiTaskTypeEnum as readonly string[]).includes(taskType))
  ) {
    return {
      reply: googleInvalidArgumentReply(
        `Invalid value at '${where}.task_type' (type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType), ${JSON.stringify(taskType)}`,
        `${where}.task_type`,
      ),
    };
  }
  const title = entry.title;
  if (title !== undefined && typeof title !== 'string') {
    return {
      reply: googleInvalidArgumentReply(
        `Invalid value at '${where}.title' (TYPE_STRING)`,
        `${where}.title`,
      ),
    };
  }
  const dimensions = entry.outputDimensionality;
  if (
    dimensions !== undefined &&
    (typeof dimensions !== 'number' || !Number.isInteger(dimensions))
  ) {
    return {
      reply: googleInvalidArgumentReply(
        `Invalid value at '${where}.output_dimensionality' (TYPE_INT32), ${JSON.stringify(dimensions)}`,
        `${where}.output_dimensionality`,
      ),
    };
  }
  return {
    item: {
      text,
      taskType: taskType === 'TASK_TYPE_UNSPECIFIED' ? undefined : (taskType as string | undefined),
      title: title as string | undefined,
      outputDimensionality: dimensions as number | undefined,
      tokens: countTokens(title ? `${title} ${text}` : text),
    },
  };
}

function unknownField(record: Record<string, unknown>, known: ReadonlySet<string>, where: string) {
  for (const field of Object.keys(record)) {
    if (!known.has(field)) {
      const at = where === '' ? '' : ` at '${where}'`;
      return googleInvalidArgumentReply(
        `Invalid JSON payload received. Unknown name "${field}"${at}: Cannot find field.`,
        where === '' ? field : `${where}.${field}`,
      );
    }
  }
  return undefined;
}
