import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens } from '../simulators/token-count.js';
import { cohereErrorReply } from './cohere-error-reply.js';

/** Rerank models the simulator serves, with their context length in tokens (query + document). */
export const simulatedCohereRerankers: Readonly<Record<string, { contextTokens: number }>> = {
  'rerank-v4.0-pro': { contextTokens: 32_768 },
  'rerank-v4.0-fast': { contextTokens: 32_768 },
  'rerank-v3.5': { contextTokens: 4096 },
  'rerank-english-v3.0': { contextTokens: 4096 },
  'rerank-multilingual-v3.0': { contextTokens: 4096 },
};

/** Documents one `/v2/rerank` request may carry (Cohere's best-practices table). */
export const cohereSimulatorMaxRerankDocuments = 10_000;

/** A `/v2/rerank` request the simulator accepted. */
export interface ValidCohereRerankRequest {
  readonly model: string;
  readonly query: string;
  readonly documents: readonly string[];
  readonly topN: number | undefined;
  /** Cohere bills one search unit per query with up to 100 documents (after chunking). */
  readonly searchUnits: number;
  readonly tokens: number;
}

const knownFields = new Set([
  'model',
  'query',
  'documents',
  'top_n',
  'max_tokens_per_doc',
  'priority',
]);

/**
 * Validates a `/v2/rerank` body as the fact sheet says Cohere does: unknown fields (400), a
 * missing or unknown model (400 / 404), a string query, `documents` a non-empty list of strings
 * (v2 takes no objects), at most 10,000 of them, `top_n` and `max_tokens_per_doc` positive
 * integers. Documents longer than `max_tokens_per_doc` (default 4,096) are cut, as Cohere does.
 */
export function validateCohereRerankRequest(
  body: unknown,
  models: Readonly<Record<string, { contextTokens: number }>>,
): { request: ValidCohereRerankRequest } | { reply: SimulatorReply } {
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
  if (typeof record.query !== 'string' || record.query === '') {
    return invalid('invalid request: query must be a non-empty string');
  }
  const documents = record.documents;
  if (!Array.isArray(documents) || documents.length === 0) {
    return invalid('invalid request: documents must be a non-empty list of strings');
  }
  if (documents.some((document) => typeof document !== 'string')) {
    return invalid('invalid request: documents must be a list of strings');
  }
  if (documents.length > cohereSimulatorMaxRerankDocuments) {
    return invalid(
      `invalid request: too many documents, got ${documents.length}, maximum is ${cohereSimulatorMaxRerankDocuments}`,
    );
  }
  const positive = (value: unknown) =>
    value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= 1);
  if (!positive(record.top_n)) return invalid('invalid request: top_n must be a positive integer');
  if (!positive(record.max_tokens_per_doc)) {
    return invalid('invalid request: max_tokens_per_doc must be a positive integer');
  }
  const maxTokensPerDoc = (record.max_tokens_per_doc as number | undefined) ?? 4096;
  const queryTokens = countTokens(record.query);
  const tokens = (documents as string[]).reduce(
    (sum, document) => sum + queryTokens + Math.min(countTokens(document), maxTokensPerDoc),
    0,
  );
  return {
    request: {
      model,
      query: record.query,
      documents: documents as string[],
      topN: record.top_n as number | undefined,
      searchUnits: Math.ceil(documents.length / 100),
      tokens,
    },
  };
}
