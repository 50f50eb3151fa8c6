import {
  createFaultInjector,
  type FaultInjector,
  type FaultInjectorOptions,
} from '../simulators/fault-injector.js';
import {
  type HttpSimulator,
  type SimulatorReply,
  type SimulatorRequest,
  startHttpSimulator,
  transportFaultReply,
} from '../simulators/http-simulator.js';
import { createLatencyModel, type LatencyModelOptions } from '../simulators/latency-model.js';
import {
  createRateLimiter,
  type RateLimiterOptions,
  retryAfterHeaders,
} from '../simulators/rate-limiter.js';
import { matryoshka, semanticVector } from '../simulators/semantic-vectors.js';
import { countTokens, truncateToTokens } from '../simulators/token-count.js';
import { teiErrorReply } from './tei-error-reply.js';
import { simulatedTEIRerankScore, validateTEIRerankRequest } from './tei-rerank-route.js';

export interface TEISimulatorOptions {
  /**
   * What the served model is: an embedding model (`/embed`) or a re-ranker, a sequence
   * classifier with one label (`/rerank`). Each route refuses the other kind, as TEI does.
   * Default `embedding`.
   */
  readonly modelType?: 'embedding' | 'reranker';
  /** `model_id` in `/info`. Default `BAAI/bge-small-en-v1.5` (`BAAI/bge-reranker-base` for a re-ranker). */
  readonly modelId?: string;
  /** Full vector length of the served model (not reported by `/info`, as in TEI). Default 384. */
  readonly dim?: number;
  /** `--max-client-batch-size`: inputs per request. Default 32, TEI's default. */
  readonly maxClientBatchSize?: number;
  /** `--max-batch-tokens`, reported in `/info`. Default 16,384, TEI's default. */
  readonly maxBatchTokens?: number;
  /** The model's `max_input_length` in tokens. Default 512. */
  readonly maxInputLength?: number;
  /** `--auto-truncate`: what an absent `truncate` means. Default true, TEI's default. */
  readonly autoTruncate?: boolean;
  /** The sentence-transformers `prompts` of the model, e.g. `{ query: 'query: ' }`. */
  readonly prompts?: Readonly<Record<string, string>>;
  /** `--api-key`: requests then need `Authorization: Bearer <key>` (401, empty body, otherwise). */
  readonly apiKey?: string;
  /** `--payload-limit` in bytes; larger bodies answer 413. Default 2,000,000, TEI's default. */
  readonly payloadLimit?: number;
  /**
   * Concurrency (`--max-concurrent-requests`) and, for a gateway in front of TEI (an Inference
   * Endpoint), requests or tokens per window. Refusals answer 429 `Overloaded`.
   */
  readonly rateLimits?: RateLimiterOptions;
  /**
   * Wait header on 429s. TEI itself sends none (`none`, the default); `seconds` adds
   * `Retry-After` as a gateway in front of it may.
   */
  readonly retryAfter?: 'seconds' | 'none';
  readonly latency?: LatencyModelOptions;
  readonly faults?: FaultInjectorOptions;
}

/** A running TEI router on 127.0.0.1. */
export interface TEISimulator extends HttpSimulator {
  readonly apiKey: string | undefined;
  readonly faults: FaultInjector;
  /** What `GET /info` answers. */
  readonly info: Readonly<Record<string, unknown>>;
  /** The vector TEI would return for `text` with these request fields. */
  expectedVector(
    text: string,
    options?: { promptName?: string; dimensions?: number; normalize?: boolean },
  ): Float32Array;
}

const knownFields = new Set([
  'inputs',
  'truncate',
  'truncation_direction',
  'prompt_name',
  'normalize',
  'dimensions',
]);

/**
 * Starts a simulator of Text Embeddings Inference's native API, written from its OpenAPI
 * (`docs/openapi.json`) and router: `GET /info`, `GET /health`, `POST /embed`. It refuses what
 * TEI refuses, with TEI's `{ error, error_type }` body: more inputs than `max_client_batch_size`
 * (422 Validation), an input over `max_input_length` tokens without truncation (422), an unknown
 * `prompt_name` (422), `dimensions` above the model's (422), an empty list (400 Empty), a body over
 * the payload limit (413, text), a wrong or missing bearer token (401, empty body), and overload
 * (429 Overloaded). Unknown fields are ignored, as TEI's deserializer does.
 */
export async function startTEISimulator(options: TEISimulatorOptions = {}): Promise<TEISimulator> {
  const reranker = options.modelType === 'reranker';
  const modelId =
    options.modelId ?? (reranker ? 'BAAI/bge-reranker-base' : 'BAAI/bge-small-en-v1.5');
  const dim = options.dim ?? 384;
  const maxClientBatchSize = options.maxClientBatchSize ?? 32;
  const maxBatchTokens = options.maxBatchTokens ?? 16_384;
  const maxInputLength = options.maxInputLength ?? 512;
  const autoTruncate = options.autoTruncate ?? true;
  const prompts = options.prompts;
  const payloadLimit = options.payloadLimit ?? 2_000_000;
  const limiter = createRateLimiter(options.rateLimits ?? {});
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);
  const info = {
    model_id: modelId,
    model_sha: null,
    model_dtype: 'float32',
    model_type: reranker
      ? { reranker: { id2label: { '0': 'LABEL_0' }, label2id: { LABEL_0: 0 } } }
      : { embedding: { pooling: 'cls' } },
    max_concurrent_requests: options.rateLimits?.concurrentRequests ?? 512,
    max_input_length: maxInputLength,
    max_batch_tokens: maxBatchTokens,
    max_batch_requests: null,
    max_client_batch_size: maxClientBatchSize,
    auto_truncate: autoTruncate,
    tokenization_workers: 2,
    version: '1.9.3',
    sha: null,
    docker_label: null,
  };

  const vectorOf = (prompted: string, dimensions: number | undefined, normalize: boolean) => {
    const full = semanticVector(prompted, dim, { normalize });
    return dimensions === undefined ? full : matryoshka(full, dimensions, normalize);
  };
  const vectorFor = (
    text: string,
    promptName: string | undefined,
    dimensions: number | undefined,
    normalize: boolean,
  ) => {
    const prompt = promptName === undefined ? '' : (prompts?.[promptName] ?? '');
    return vectorOf(prompt + text, dimensions, normalize);
  };

  const authorized = (request: SimulatorRequest) =>
    options.apiKey === undefined || request.headers.authorization === `Bearer ${options.apiKey}`;

  const embed = async (
    request: SimulatorRequest,
    simulator: HttpSimulator,
  ): Promise<SimulatorReply> => {
    if (!authorized(request))
      return { kind: 'text', status: 401, text: '', contentType: 'text/plain' };
    if (reranker) {
      return teiErrorReply('Backend', 'model is not an embedding model');
    }
    if (Buffer.byteLength(request.rawBody) > payloadLimit) {
      return {
        kind: 'text',
        status: 413,
        text: 'Failed to buffer the request body: length limit exceeded',
        contentType: 'text/plain; charset=utf-8',
      };
    }
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return {
        kind: 'text',
        status: 422,
        text: 'Failed to deserialize the JSON body into the target type: invalid type: expected struct EmbedRequest',
        contentType: 'text/plain; charset=utf-8',
      };
    }
    const shapeError = checkShape(body);
    if (shapeError) {
      return {
        kind: 'text',
        status: 422,
        text: `Failed to deserialize the JSON body into the target type: ${shapeError}`,
        contentType: 'text/plain; charset=utf-8',
      };
    }
    const inputs = typeof body.inputs === 'string' ? [body.inputs] : (body.inputs as string[]);
    if (Array.isArray(body.inputs) && inputs.length === 0) {
      return teiErrorReply('Empty', '`inputs` cannot be empty');
    }
    if (inputs.length > maxClientBatchSize) {
      return teiErrorReply(
        'Validation',
        `batch size ${inputs.length} > maximum allowed batch size ${maxClientBatchSize}`,
      );
    }
    const promptName = body.prompt_name ?? undefined;
    if (typeof promptName === 'string') {
      if (prompts === undefined) {
        return teiErrorReply(
          'Validation',
          `\`default-prompt-name\` is set to \`${promptName}\` but no prompts were found in the Sentence Transformers configuration`,
        );
      }
      if (!Object.hasOwn(prompts, promptName)) {
        return teiErrorReply(
          'Validation',
          `\`default-prompt-name\` is set to \`${promptName}\` but it was not found in the Sentence Transformers prompts. Available prompts: [${Object.keys(
            prompts,
          )
            .map((key) => JSON.stringify(key))
            .join(', ')}]`,
        );
      }
    }
    const truncate = (body.truncate as boolean | null | undefined) ?? autoTruncate;
    const prompt = typeof promptName === 'string' ? prompts![promptName]! : '';
    const direction = String(body.truncation_direction ?? 'Right').toLowerCase();
    let tokens = 0;
    const prompted: string[] = [];
    for (const text of inputs) {
      const length = countTokens(prompt + text) + 2;
      if (length > maxInputLength && !truncate) {
        return teiErrorReply(
          'Validation',
          `\`inputs\` must have less than ${maxInputLength} tokens. Given: ${length}`,
        );
      }
      prompted.push(
        length > maxInputLength
          ? truncateToTokens(prompt + text, maxInputLength - 2, direction === 'left')
          : prompt + text,
      );
      tokens += Math.min(length, maxInputLength);
    }
    const dimensions = (body.dimensions as number | null | undefined) ?? undefined;
    if (dimensions !== undefined && dimensions > dim) {
      return teiErrorReply(
        'Validation',
        '`dimensions` should be smaller than the maximum embedding dimension.',
      );
    }
    const admission = limiter.acquire(tokens);
    if ('rejection' in admission) {
      return teiErrorReply(
        'Overloaded',
        'Model is overloaded',
        options.retryAfter === 'seconds' ? retryAfterHeaders(admission.rejection) : undefined,
      );
    }
    try {
      const fault = faults.next();
      if (fault === 'serverError') {
        return teiErrorReply('Backend', 'Backend error: Inference failed: CUDA out of memory');
      }
      if (fault === 'rateLimit') return teiErrorReply('Overloaded', 'Model is overloaded');
      await latency.wait(tokens, request.signal);
      const normalize = body.normalize !== false;
      let vectors = prompted.map((text) => Array.from(vectorOf(text, dimensions, normalize)));
      if (fault === 'wrongCount') vectors = vectors.slice(0, -1);
      if (fault === 'wrongDimension') vectors[0] = vectors[0]!.slice(0, -1);
      const transport = transportFaultReply(fault, { status: 200, body: vectors });
      if (transport) return transport;
      simulator.recordTokens(tokens);
      return {
        kind: 'json',
        status: 200,
        body: vectors,
        headers: {
          'x-compute-type': 'cpu',
          'x-compute-tokens': String(tokens),
          'x-compute-characters': String(inputs.reduce((sum, text) => sum + text.length, 0)),
        },
      };
    } finally {
      admission.permit.release();
    }
  };

  const rerank = async (
    request: SimulatorRequest,
    simulator: HttpSimulator,
  ): Promise<SimulatorReply> => {
    if (!authorized(request))
      return { kind: 'text', status: 401, text: '', contentType: 'text/plain' };
    if (Buffer.byteLength(request.rawBody) > payloadLimit) {
      return {
        kind: 'text',
        status: 413,
        text: 'Failed to buffer the request body: length limit exceeded',
        contentType: 'text/plain; charset=utf-8',
      };
    }
    const validated = validateTEIRerankRequest(request.body, {
      reranker,
      maxClientBatchSize,
      maxInputLength,
      autoTruncate,
    });
    if ('reply' in validated) return validated.reply;
    const valid = validated.request;
    const admission = limiter.acquire(valid.tokens);
    if ('rejection' in admission) {
      return teiErrorReply(
        'Overloaded',
        'Model is overloaded',
        options.retryAfter === 'seconds' ? retryAfterHeaders(admission.rejection) : undefined,
      );
    }
    try {
      const fault = faults.next();
      if (fault === 'serverError') {
        return teiErrorReply('Backend', 'Backend error: Inference failed: CUDA out of memory');
      }
      if (fault === 'rateLimit') return teiErrorReply('Overloaded', 'Model is overloaded');
      await latency.wait(valid.tokens, request.signal);
      const ranks = valid.texts
        .map((text, index) => ({
          index,
          ...(valid.returnText ? { text } : {}),
          score: simulatedTEIRerankScore(valid.query, text, valid.rawScores),
        }))
        .sort((left, right) => right.score - left.score);
      const body = fault === 'wrongCount' ? ranks.slice(0, -1) : ranks;
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(valid.tokens);
      return {
        kind: 'json',
        status: 200,
        body,
        headers: { 'x-compute-type': 'cpu', 'x-compute-tokens': String(valid.tokens) },
      };
    } finally {
      admission.permit.release();
    }
  };

  const http = await startHttpSimulator({
    routes: {
      'GET /info': () => ({ kind: 'json', status: 200, body: info }),
      'GET /health': () => ({ kind: 'text', status: 200, text: '', contentType: 'text/plain' }),
      'POST /embed': embed,
      'POST /rerank': rerank,
    },
  });
  return {
    ...http,
    apiKey: options.apiKey,
    faults,
    info,
    expectedVector: (text, expected = {}) =>
      vectorFor(text, expected.promptName, expected.dimensions, expected.normalize ?? true),
  };
}

/** The serde errors TEI's JSON extractor gives for wrongly typed fields; `undefined` when fine. */
function checkShape(body: Record<string, unknown>): string | undefined {
  const { inputs } = body;
  if (inputs === undefined) return 'missing field `inputs`';
  const isText = (value: unknown) =>
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((id) => Number.isInteger(id) && id >= 0));
  if (!isText(inputs) && !(Array.isArray(inputs) && inputs.every(isText))) {
    return 'inputs: data did not match any variant of untagged enum Input';
  }
  if (Array.isArray(inputs) && inputs.some((item) => typeof item !== 'string')) {
    return 'inputs: token id inputs are not simulated';
  }
  if (body.truncate !== undefined && body.truncate !== null && typeof body.truncate !== 'boolean')
    return 'truncate: invalid type, expected a boolean';
  if (typeof body.normalize !== 'undefined' && typeof body.normalize !== 'boolean')
    return 'normalize: invalid type, expected a boolean';
  const direction = body.truncation_direction;
  if (direction !== undefined && !['Left', 'Right', 'left', 'right'].includes(String(direction)))
    return `truncation_direction: unknown variant \`${String(direction)}\`, expected \`Left\` or \`Right\``;
  if (
    body.prompt_name !== undefined &&
    body.prompt_name !== null &&
    typeof body.prompt_name !== 'string'
  )
    return 'prompt_name: invalid type, expected a string';
  const { dimensions } = body;
  if (
    dimensions !== undefined &&
    dimensions !== null &&
    !(Number.isInteger(dimensions) && (dimensions as number) >= 0)
  )
    return 'dimensions: invalid value, expected usize';
  return undefined;
}

/** Fields of a logged `/embed` body that TEI does not define (it ignores them silently). */
export function unknownTEIFields(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  return Object.keys(body).filter((key) => !knownFields.has(key));
}
