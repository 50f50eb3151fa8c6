import {
  type HttpSimulator,
  type RouteHandler,
  transportFaultReply,
} from '../simulators/http-simulator.js';
import { cosine, semanticVector } from '../simulators/semantic-vectors.js';
import { countTokens } from '../simulators/token-count.js';
import { admitJinaRequest, type JinaServiceState } from './jina-admission.js';
import { checkJinaAuth } from './jina-auth.js';
import { type JinaFieldError, jinaError, jinaValidationError } from './jina-error-replies.js';
import { simulatedJinaRerankers } from './jina-simulator-models.js';

export interface RerankRouteOptions {
  readonly state: JinaServiceState;
  readonly apiKeys: readonly string[];
  readonly exhaustedKeys: readonly string[];
  readonly maxDocuments: number;
}

const rerankFields = ['model', 'query', 'documents', 'top_n', 'return_documents'];

/**
 * The relevance score the simulated reranker gives: word overlap as cosine of meaning vectors,
 * mapped to [0, 1]. Absolute (not relative to the other documents), so scores from separate
 * requests compare, as a cross-encoder's do. Exported so tests can predict rankings.
 */
export function simulatedRelevance(query: string, document: string): number {
  return (cosine(semanticVector(query, 256), semanticVector(document, 256)) + 1) / 2;
}

/** `POST /v1/rerank`: scores documents against a query, sorted by score, descending. */
export function rerankRoute(options: RerankRouteOptions): RouteHandler {
  return async (request, simulator: HttpSimulator) => {
    const denied = checkJinaAuth(request.headers, options.apiKeys, options.exhaustedKeys);
    if (denied) return denied;
    const body = (
      typeof request.body === 'object' && request.body !== null ? request.body : {}
    ) as Record<string, unknown>;
    if (typeof body.model === 'string' && !simulatedJinaRerankers.includes(body.model)) {
      return jinaError(
        400,
        'INPUT_MODEL_NOT_FOUND',
        `Model "${body.model}" not found. Check the model name.`,
      );
    }
    const errors: JinaFieldError[] = [];
    for (const field of Object.keys(body)) {
      if (!rerankFields.includes(field)) {
        errors.push({ field, message: 'Extra inputs are not permitted', type: 'extra_forbidden' });
      }
    }
    if (typeof body.model !== 'string')
      errors.push({ field: 'model', message: 'Field required', type: 'missing' });
    if (typeof body.query !== 'string')
      errors.push({
        field: 'query',
        message: 'Input should be a valid string',
        type: 'string_type',
      });
    const documents = Array.isArray(body.documents) ? body.documents : [];
    const texts = documents.map((document) =>
      typeof document === 'string' ? document : (document as { text?: unknown })?.text,
    );
    if (
      !Array.isArray(body.documents) ||
      texts.length === 0 ||
      texts.some((text) => typeof text !== 'string')
    ) {
      errors.push({
        field: 'documents',
        message: 'Input should be a non-empty list of strings or {text} objects',
        type: 'list_type',
      });
    }
    if (texts.length > options.maxDocuments) {
      errors.push({
        field: 'documents',
        message: `List should have at most ${options.maxDocuments} items after validation, not ${texts.length}`,
        type: 'too_long',
      });
    }
    const topN = body.top_n;
    if (topN !== undefined && (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 1)) {
      errors.push({
        field: 'top_n',
        message: 'Input should be a positive integer',
        type: 'int_type',
        input: topN,
      });
    }
    if (errors.length > 0) return jinaValidationError(errors);
    const query = body.query as string;
    const tokens = (texts as string[]).reduce(
      (sum, text) => sum + countTokens(query) + countTokens(text),
      0,
    );
    const admitted = await admitJinaRequest(options.state, request, tokens);
    if ('reply' in admitted) return admitted.reply;
    const { admission } = admitted;
    const returnDocuments = body.return_documents !== false;
    const results = (texts as string[])
      .map((text, index) => ({
        index,
        relevance_score: simulatedRelevance(query, text),
        ...(returnDocuments ? { document: { text } } : {}),
      }))
      .sort((left, right) => right.relevance_score - left.relevance_score)
      .slice(0, (topN as number | undefined) ?? texts.length);
    const answer = {
      model: body.model,
      usage: { total_tokens: tokens },
      results: admission.fault === 'wrongCount' ? results.slice(0, -1) : results,
    };
    const reply = transportFaultReply(admission.fault, { status: 200, body: answer }) ?? {
      kind: 'json' as const,
      status: 200,
      body: answer,
    };
    if (reply.kind === 'json') simulator.recordTokens(tokens);
    return admission.finish(reply);
  };
}
