import { simulatedRelevance } from '../jina/jina-rerank-route.js';
import {
  createFaultInjector,
  type FaultInjector,
  type FaultInjectorOptions,
} from '../simulators/fault-injector.js';
import {
  bearerToken,
  type HttpSimulator,
  type RouteHandler,
  type SimulatorReply,
  startHttpSimulator,
  transportFaultReply,
} from '../simulators/http-simulator.js';
import { createLatencyModel, type LatencyModelOptions } from '../simulators/latency-model.js';
import {
  createRateLimiter,
  type RateLimitRejection,
  retryAfterHeaders,
} from '../simulators/rate-limiter.js';
import { voyageErrorReply } from './voyage-error-reply.js';
import { validateVoyageRequest } from './voyage-request-validation.js';
import {
  simulatedVoyageRerankers,
  validateVoyageRerankRequest,
} from './voyage-rerank-validation.js';
import { encodeVoyageVector, voyageSimulatedVector } from './voyage-simulated-vectors.js';
import { type SimulatedVoyageModel, simulatedVoyageModels } from './voyage-simulator-models.js';

/** The key the simulator accepts unless told otherwise. Not shaped like a real key on purpose. */
export const voyageSimulatorKey = 'simulated-voyage-key-2c8d41f6e9';

export interface VoyageSimulatorOptions {
  /** The accepted key. */
  readonly apiKey?: string;
  /** Models besides (or replacing) Voyage's, e.g. one released after the client was. */
  readonly models?: Readonly<Record<string, SimulatedVoyageModel>>;
  /** Per-organisation limits, as Voyage enforces them: requests and tokens per minute. */
  readonly limits?: {
    readonly requestsPerMinute?: number;
    readonly tokensPerMinute?: number;
    /** Length of the "minute"; shorten it in tests. Default 60 000 ms. */
    readonly windowMs?: number;
  };
  /**
   * Whether 429 answers carry `Retry-After` (whole seconds). Voyage documents no rate-limit
   * header, so the default is `none`; `seconds` models a gateway that adds the standard one.
   */
  readonly retryAfter?: 'seconds' | 'none';
  /** Wait advertised by injected `rateLimit` faults. Default 1 000 ms. */
  readonly faultRetryAfterMs?: number;
  readonly latency?: LatencyModelOptions;
  readonly faults?: FaultInjectorOptions;
  /** Echo the full key in 401 messages, as a careless proxy would, to test redaction. */
  readonly leakKeyInErrors?: boolean;
  /** Clock for `arrivals` and the rate limiter. Default `Date.now`. */
  readonly now?: () => number;
}

/** When a request reached the simulator and how it was answered, by the simulator's clock. */
export interface VoyageArrival {
  readonly at: number;
  status?: number;
}

/** A running Voyage `/v1/embeddings` service on 127.0.0.1. */
export interface VoyageSimulator extends HttpSimulator {
  /** `${url}/v1`: what the client's `baseURL` should be. */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly faults: FaultInjector;
  /** Every `/v1/embeddings` request in order, stamped by the simulator's clock. */
  readonly arrivals: VoyageArrival[];
  /** The bodies of every `/v1/embeddings` request, in order. */
  embeddingBodies(): Record<string, unknown>[];
  /** The float vector the simulator answers for a text, so tests can compute expectations. */
  expectedVector(
    text: string,
    model: string,
    inputType: 'document' | 'query' | null,
    outputDimension?: number,
  ): Float32Array;
}

/**
 * Starts a simulator of Voyage's `POST /v1/embeddings`, written from the package's API.md: bearer
 * auth (401), per-model validation with `{ detail }` bodies and Voyage's wording for the batch
 * token cap, `input_type` prompts, Matryoshka `output_dimension`, every `output_dtype`, base64,
 * `truncation`, the 1,000-input and per-model token caps, RPM/TPM limits with 429, latency, faults.
 * `POST /v1/rerank` scores with `simulatedRelevance`, sorted best first, under the same limits.
 */
export async function startVoyageSimulator(
  options: VoyageSimulatorOptions = {},
): Promise<VoyageSimulator> {
  const apiKey = options.apiKey ?? voyageSimulatorKey;
  const models = { ...simulatedVoyageModels, ...options.models };
  const now = options.now ?? Date.now;
  const limiter = createRateLimiter({
    requestsPerWindow: options.limits?.requestsPerMinute,
    tokensPerWindow: options.limits?.tokensPerMinute,
    windowMs: options.limits?.windowMs ?? 60_000,
    now,
  });
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);
  const arrivals: VoyageArrival[] = [];
  const limited = (rejection: RateLimitRejection) =>
    voyageErrorReply(
      429,
      `You have exceeded your ${rejection.limit === 'tokens' ? 'TPM (tokens per minute)' : 'RPM (requests per minute)'} rate limit. Please pace your requests; see https://docs.voyageai.com/docs/rate-limits.`,
      retryAfterHeaders(rejection, options.retryAfter ?? 'none'),
    );

  const denied = (request: Parameters<RouteHandler>[0]): SimulatorReply | undefined => {
    const given = bearerToken(request.headers);
    if (given === apiKey) return undefined;
    return voyageErrorReply(
      401,
      given === undefined
        ? 'No API key provided. Provide it in the Authorization header as Bearer <key>.'
        : `Provided API key is invalid${options.leakKeyInErrors ? `: ${given}` : ''}.`,
    );
  };

  const rerank = async (
    request: Parameters<RouteHandler>[0],
    simulator: HttpSimulator,
  ): Promise<SimulatorReply> => {
    const refused = denied(request);
    if (refused) return refused;
    const validated = validateVoyageRerankRequest(request.body, simulatedVoyageRerankers);
    if ('reply' in validated) return validated.reply;
    const valid = validated.request;
    const admission = limiter.acquire(valid.totalTokens);
    if ('rejection' in admission) return limited(admission.rejection);
    try {
      const fault = faults.next();
      if (fault === 'serverError') return voyageErrorReply(500, 'Internal server error.');
      if (fault === 'rateLimit')
        return limited({ limit: 'requests', retryAfterMs: options.faultRetryAfterMs ?? 1000 });
      await latency.wait(valid.totalTokens, request.signal);
      const data = valid.documents
        .map((document, index) => ({
          relevance_score: simulatedRelevance(valid.query, document),
          index,
          ...(valid.returnDocuments ? { document } : {}),
        }))
        .sort((left, right) => right.relevance_score - left.relevance_score)
        .slice(0, valid.topK ?? valid.documents.length);
      const body = {
        object: 'list',
        data: fault === 'wrongCount' ? data.slice(0, -1) : data,
        model: valid.model,
        usage: { total_tokens: valid.totalTokens },
      };
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(valid.totalTokens);
      return { kind: 'json', status: 200, body };
    } finally {
      admission.permit.release();
    }
  };

  const embeddings = async (
    request: Parameters<RouteHandler>[0],
    simulator: HttpSimulator,
  ): Promise<SimulatorReply> => {
    const refused = denied(request);
    if (refused) return refused;
    const validated = validateVoyageRequest(request.body, models);
    if ('reply' in validated) return validated.reply;
    const valid = validated.request;
    const admission = limiter.acquire(valid.totalTokens);
    if ('rejection' in admission) return limited(admission.rejection);
    try {
      const fault = faults.next();
      if (fault === 'serverError') return voyageErrorReply(500, 'Internal server error.');
      if (fault === 'rateLimit')
        return limited({ limit: 'requests', retryAfterMs: options.faultRetryAfterMs ?? 1000 });
      await latency.wait(valid.totalTokens, request.signal);
      const vectors = valid.inputs.map((text) =>
        voyageSimulatedVector(text, valid.info, valid.inputType, valid.outputDimension),
      );
      if (fault === 'wrongDimension' && vectors[0]) vectors[0] = vectors[0].slice(0, -1);
      const data = vectors.map((vector, index) => ({
        object: 'embedding',
        embedding: encodeVoyageVector(vector, valid.outputDtype, valid.base64),
        index,
      }));
      const body = {
        object: 'list',
        data: fault === 'wrongCount' ? data.slice(0, -1) : data,
        model: valid.model,
        usage: { total_tokens: valid.totalTokens },
      };
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(valid.totalTokens);
      return { kind: 'json', status: 200, body };
    } finally {
      admission.permit.release();
    }
  };

  const http = await startHttpSimulator({
    routes: {
      'POST /v1/embeddings': async (request, simulator) => {
        const arrival: VoyageArrival = { at: now() };
        arrivals.push(arrival);
        const reply = await embeddings(request, simulator);
        if (reply.kind !== 'reset' && reply.kind !== 'stall') arrival.status = reply.status;
        return reply;
      },
      'POST /v1/rerank': rerank,
    },
  });
  return {
    ...http,
    baseURL: `${http.url}/v1`,
    apiKey,
    faults,
    arrivals,
    resetStats() {
      http.resetStats();
      arrivals.length = 0;
    },
    embeddingBodies: () =>
      http.log
        .filter((entry) => entry.path === '/v1/embeddings')
        .map((entry) => entry.body as Record<string, unknown>),
    expectedVector: (text, model, inputType, outputDimension) =>
      voyageSimulatedVector(text, models[model]!, inputType, outputDimension),
  };
}
