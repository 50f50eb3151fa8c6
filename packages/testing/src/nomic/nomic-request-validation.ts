import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens } from '../simulators/token-count.js';
import { nomicTaskTypes, type SimulatedNomicModel } from './nomic-simulator-models.js';

/** An accepted `/v1/embedding/text` request. */
export interface ValidNomicRequest {
  readonly model: string;
  readonly info: SimulatedNomicModel;
  readonly texts: readonly string[];
  readonly taskType: string;
  readonly dimensionality: number;
  readonly longTextMode: 'truncate' | 'mean';
  readonly maxTokensPerText: number;
  readonly tokens: number;
}

const knownFields = new Set([
  'texts',
  'model',
  'task_type',
  'long_text_mode',
  'max_tokens_per_text',
  'dimensionality',
]);

type Problem = { loc: (string | number)[]; msg: string; type: string };

const unprocessable = (detail: Problem[]): SimulatorReply => ({
  kind: 'json',
  status: 422,
  body: { detail },
});

/**
 * Validates a request the way the FastAPI service does (422 with `detail[]`): unknown fields,
 * `texts` a non-empty list of strings of at most `maxTexts`, the model and task type enums,
 * `long_text_mode`, `max_tokens_per_text`, and `dimensionality` only for v1.5, within 64–768.
 */
export function validateNomicRequest(
  body: unknown,
  models: Readonly<Record<string, SimulatedNomicModel>>,
  maxTexts: number,
): { request: ValidNomicRequest } | { reply: SimulatorReply } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      reply: unprocessable([
        { loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' },
      ]),
    };
  }
  const record = body as Record<string, unknown>;
  const problems: Problem[] = Object.keys(record)
    .filter((field) => !knownFields.has(field))
    .map((field) => ({
      loc: ['body', field],
      msg: 'Extra inputs are not permitted',
      type: 'extra_forbidden',
    }));
  const texts = record.texts;
  if (
    !Array.isArray(texts) ||
    texts.length === 0 ||
    texts.some((text) => typeof text !== 'string')
  ) {
    problems.push({
      loc: ['body', 'texts'],
      msg: 'Input should be a non-empty list of strings',
      type: 'list_type',
    });
  } else if (texts.length > maxTexts) {
    problems.push({
      loc: ['body', 'texts'],
      msg: `List should have at most ${maxTexts} items after validation, not ${texts.length}`,
      type: 'too_long',
    });
  }
  const model = record.model ?? 'nomic-embed-text-v1';
  const info = typeof model === 'string' ? models[model] : undefined;
  if (!info) {
    problems.push({
      loc: ['body', 'model'],
      msg: `Input should be ${Object.keys(models)
        .map((id) => `'${id}'`)
        .join(' or ')}`,
      type: 'enum',
    });
  }
  const taskType = record.task_type ?? 'search_document';
  if (!(nomicTaskTypes as readonly unknown[]).includes(taskType)) {
    problems.push({
      loc: ['body', 'task_type'],
      msg: `Input should be ${nomicTaskTypes.map((task) => `'${task}'`).join(', ')}`,
      type: 'enum',
    });
  }
  const mode = record.long_text_mode ?? 'mean';
  if (mode !== 'truncate' && mode !== 'mean') {
    problems.push({
      loc: ['body', 'long_text_mode'],
      msg: "Input should be 'truncate' or 'mean'",
      type: 'enum',
    });
  }
  const maxTokens = record.max_tokens_per_text ?? 8192;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    problems.push({
      loc: ['body', 'max_tokens_per_text'],
      msg: 'Input should be a positive integer',
      type: 'int_type',
    });
  }
  const dimensionality = record.dimensionality;
  if (dimensionality !== undefined && dimensionality !== null && info) {
    if (!info.dimensionality) {
      problems.push({
        loc: ['body', 'dimensionality'],
        msg: `dimensionality only applies to nomic-embed-text-v1.5, not ${String(model)}`,
        type: 'value_error',
      });
    } else if (
      typeof dimensionality !== 'number' ||
      !Number.isInteger(dimensionality) ||
      dimensionality < info.dimensionality.min ||
      dimensionality > info.dimensionality.max
    ) {
      problems.push({
        loc: ['body', 'dimensionality'],
        msg: `Input should be an integer from ${info.dimensionality.min} to ${info.dimensionality.max}`,
        type: 'value_error',
      });
    }
  }
  if (problems.length > 0 || !info) return { reply: unprocessable(problems) };
  const textList = texts as string[];
  const effective = textList.map((text) =>
    Math.min(
      countTokens(text),
      maxTokens as number,
      mode === 'truncate' ? info.contextTokens : Number.POSITIVE_INFINITY,
    ),
  );
  return {
    request: {
      model: model as string,
      info,
      texts: textList,
      taskType: taskType as string,
      dimensionality: (dimensionality as number | undefined) ?? info.dim,
      longTextMode: mode as 'truncate' | 'mean',
      maxTokensPerText: maxTokens as number,
      tokens: effective.reduce((sum, count) => sum + count, 0),
    },
  };
}
