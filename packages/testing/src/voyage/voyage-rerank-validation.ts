import type { SimulatorReply } from '../simulators/http-simulator.js';
import { countTokens, truncateToTokens } from '../simulators/token-count.js';
import { voyageErrorReply } from './voyage-error-reply.js';

/** A Voyage rerank model's published caps, in tokens. */
export interface SimulatedVoyageReranker {
  /** Tokens the query may have. */
  readonly queryTokens: number;
  /** Tokens of the query plus any one document. */
  readonly pairTokens: number;
  /** "Query tokens × documents + tokens of all documents" per request. */
  readonly totalTokens: number;
}

/** Voyage's rerank models and their caps, from the reranker API reference. */
export const simulatedVoyageRerankers: Readonly<Record<string, SimulatedVoyageReranker>> = {
  'rerank-2.5': { queryTokens: 8000, pairTokens: 32_000, totalTokens: 600_000 },
  'rerank-2.5-lite': { queryTokens: 8000, pairTokens: 32_000, totalTokens: 600_000 },
  'rerank-2': { queryTokens: 4000, pairTokens: 16_000, totalTokens: 600_000 },
  'rerank-2-lite': { queryTokens: 2000, pairTokens: 8000, totalTokens: 600_000 },
  'rerank-1': { queryTokens: 2000, pairTokens: 8000, totalTokens: 300_000 },
  'rerank-lite-1': { queryTokens: 1000, pairTokens: 4000, totalTokens: 300_000 },
};

/** Documents one `/v1/rerank` request may carry. */
export const voyageSimulatorMaxRerankDocuments = 1000;

/** A `/v1/rerank` request the simulator accepted, after truncation. */
export interface ValidVoyageRerankRequest {
  readonly model: string;
  readonly query: string;
  readonly documents: readonly string[];
  readonly topK: number | undefined;
  readonly returnDocuments: boolean;
  /** Query tokens × documents + document tokens: what Voyage bills and caps. */
  readonly totalTokens: number;
}

const knownFields = new Set([
  'query',
  'documents',
  'model',
  'top_k',
  'return_documents',
  'truncation',
]);

/**
 * Validates a `/v1/rerank` body the way the fact sheet says Voyage does: unknown fields, the
 * model, a string query, 1–1,000 string documents, `top_k` a positive integer or null,
 * `return_documents` and `truncation` booleans; with `truncation: false` a query or a
 * query–document pair over the model's context is refused, otherwise cut; and the total token cap
 * (query tokens × documents + document tokens) always refuses. Errors are `{ detail }`, 400.
 */
export function validateVoyageRerankRequest(
  body: unknown,
  models: Readonly<Record<string, SimulatedVoyageReranker>>,
): { request: ValidVoyageRerankRequest } | { reply: SimulatorReply } {
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
  if (typeof record.query !== 'string' || record.query === '') {
    return invalid("Field 'query' is required and must be a non-empty string.");
  }
  const documents = record.documents;
  if (
    !Array.isArray(documents) ||
    documents.length === 0 ||
    documents.some((document) => typeof document !== 'string' || document === '')
  ) {
    return invalid("Field 'documents' must be a non-empty list of non-empty strings.");
  }
  if (documents.length > voyageSimulatorMaxRerankDocuments) {
    return invalid(
      `The number of documents cannot exceed ${voyageSimulatorMaxRerankDocuments}, but got ${documents.length}.`,
    );
  }
  const topK = record.top_k ?? undefined;
  if (topK !== undefined && !(typeof topK === 'number' && Number.isInteger(topK) && topK >= 1)) {
    return invalid("Argument 'top_k' must be a positive integer or null.");
  }
  const returnDocuments = record.return_documents ?? false;
  if (typeof returnDocuments !== 'boolean') {
    return invalid("Argument 'return_documents' must be a boolean.");
  }
  const truncation = record.truncation ?? true;
  if (typeof truncation !== 'boolean') return invalid("Argument 'truncation' must be a boolean.");

  let query = record.query;
  let queryTokens = countTokens(query);
  if (queryTokens > info.queryTokens) {
    if (!truncation) {
      return invalid(
        `The query has ${queryTokens} tokens, which exceeds the ${info.queryTokens}-token limit of ${model}. Shorten it or set truncation to true.`,
      );
    }
    query = truncateToTokens(query, info.queryTokens);
    queryTokens = info.queryTokens;
  }
  const texts: string[] = [];
  let totalTokens = 0;
  for (let index = 0; index < documents.length; index++) {
    let text = documents[index] as string;
    let tokens = countTokens(text);
    if (queryTokens + tokens > info.pairTokens) {
      if (!truncation) {
        return invalid(
          `The query and document ${index} have ${queryTokens + tokens} tokens together, which exceeds the ${info.pairTokens}-token context length of ${model}. Shorten them or set truncation to true.`,
        );
      }
      tokens = info.pairTokens - queryTokens;
      text = truncateToTokens(text, tokens);
    }
    texts.push(text);
    totalTokens += queryTokens + tokens;
  }
  if (totalTokens > info.totalTokens) {
    return invalid(
      `Request to model '${model}' failed. The max allowed tokens per submitted batch is ${info.totalTokens}. Your batch has ${totalTokens} tokens after truncation. Please lower the number of tokens in the batch.`,
    );
  }
  return {
    request: { model, query, documents: texts, topK, returnDocuments, totalTokens },
  };
}
