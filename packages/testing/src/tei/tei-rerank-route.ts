import { simulatedRelevance } from '../jina/jina-rerank-route.js';
import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens } from '../simulators/token-count.js';
import { teiErrorReply } from './tei-error-reply.js';

/** What the `/rerank` check needs to know about the served model and the router. */
export interface TEIRerankLimits {
  readonly reranker: boolean;
  readonly maxClientBatchSize: number;
  readonly maxInputLength: number;
  readonly autoTruncate: boolean;
}

/** A `/rerank` request the simulator accepted. */
export interface ValidTEIRerankRequest {
  readonly query: string;
  readonly texts: readonly string[];
  readonly rawScores: boolean;
  readonly returnText: boolean;
  readonly tokens: number;
}

/**
 * The score TEI answers for a pair: the simulated cross-encoder's probability, or with
 * `raw_scores` its logit (TEI applies a sigmoid to the model's one logit unless asked not to).
 */
export function simulatedTEIRerankScore(query: string, text: string, raw = false): number {
  const probability = Math.min(Math.max(simulatedRelevance(query, text), 1e-9), 1 - 1e-9);
  return raw ? Math.log(probability / (1 - probability)) : probability;
}

/**
 * Checks a `/rerank` body as TEI's router does: a model that is not a re-ranker answers 424
 * `Backend`; a missing `query` or `texts` or a wrongly typed field is a plain-text 422 from the
 * JSON extractor; no texts is 400 `Empty`; more than `max_client_batch_size` texts, or a
 * query–text pair over `max_input_length` tokens without truncation, is 422 `Validation`.
 */
export function validateTEIRerankRequest(
  body: unknown,
  limits: TEIRerankLimits,
): { request: ValidTEIRerankRequest } | { reply: SimulatorReply } {
  if (!limits.reranker) {
    return { reply: teiErrorReply('Backend', 'model is not a re-ranker model') };
  }
  const shape = (message: string) => ({
    reply: {
      kind: 'text' as const,
      status: 422,
      text: `Failed to deserialize the JSON body into the target type: ${message}`,
      contentType: 'text/plain; charset=utf-8',
    },
  });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return shape('invalid type: expected struct RerankRequest');
  }
  const record = body as Record<string, unknown>;
  if (typeof record.query !== 'string') {
    return shape(
      record.query === undefined
        ? 'missing field `query`'
        : 'query: invalid type, expected a string',
    );
  }
  if (record.texts === undefined) return shape('missing field `texts`');
  if (!Array.isArray(record.texts) || record.texts.some((text) => typeof text !== 'string')) {
    return shape('texts: invalid type, expected a sequence of strings');
  }
  for (const flag of ['truncate', 'raw_scores', 'return_text'] as const) {
    const value = record[flag];
    if (value !== undefined && value !== null && typeof value !== 'boolean') {
      return shape(`${flag}: invalid type, expected a boolean`);
    }
  }
  const texts = record.texts as string[];
  if (texts.length === 0) return { reply: teiErrorReply('Empty', '`texts` cannot be empty') };
  if (texts.length > limits.maxClientBatchSize) {
    return {
      reply: teiErrorReply(
        'Validation',
        `batch size ${texts.length} > maximum allowed batch size ${limits.maxClientBatchSize}`,
      ),
    };
  }
  const truncate = (record.truncate as boolean | null | undefined) ?? limits.autoTruncate;
  const queryTokens = countTokens(record.query);
  let tokens = 0;
  for (const text of texts) {
    // [CLS] query [SEP] text [SEP]
    const length = queryTokens + countTokens(text) + 3;
    if (length > limits.maxInputLength && !truncate) {
      return {
        reply: teiErrorReply(
          'Validation',
          `\`inputs\` must have less than ${limits.maxInputLength} tokens. Given: ${length}`,
        ),
      };
    }
    tokens += Math.min(length, limits.maxInputLength);
  }
  return {
    request: {
      query: record.query,
      texts,
      rawScores: record.raw_scores === true,
      returnText: record.return_text === true,
      tokens,
    },
  };
}
