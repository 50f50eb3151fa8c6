import { randomUUID } from 'node:crypto';
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
import { cohereErrorReply } from './cohere-error-reply.js';
import { type CohereSimulatedInput, validateCohereRequest } from './cohere-request-validation.js';
import {
  simulatedCohereRerankers,
  validateCohereRerankRequest,
} from './cohere-rerank-validation.js';
import { cohereSimulatedVector, encodeCohereVector } from './cohere-simulated-vectors.js';
import { type SimulatedCohereModel, simulatedCohereModels } from './cohere-simulator-models.js';

/** The key the simulator accepts unless told otherwise. Not shaped like a real key on purpose. */
export const cohereSimulatorKey = 'simulated-cohere-key-7b3e19a04c';

export interface CohereSimulatorOptions {
  /** The accepted key. */
  readonly apiKey?: string;
  /** Models besides (or replacing) Cohere's, e.g. one released after the client was. */
  readonly models?: Readonly<Record<string, SimulatedCohereModel>>;
  /**
   * Per-key limits: Cohere limits Embed by inputs per minute (2,000 on trial and production keys),
   * counted here per accepted request's inputs, and optionally by requests.
   */
  readonly limits?: {
    readonly inputsPerMinute?: number;
    readonly requestsPerMinute?: number;
    /** Rerank requests per minute: Cohere gives trial keys 10 and production keys 1,000. */
    readonly rerankRequestsPerMinute?: number;
    /** Length of the "minute"; shorten it in tests. Default 60 000 ms. */
    readonly windowMs?: number;
  };
  /**
   * Whether 429 answers carry `Retry-After` (whole seconds). Cohere documents no rate-limit
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
export interface CohereArrival {
  readonly at: number;
  status?: number;
}

/** A running Cohere `/v2/embed` and `/v2/rerank` service on 127.0.0.1. */
export interface CohereSimulator extends HttpSimulator {
  /** What the client's `baseURL` should be (the API root, without `/v2`). */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly faults: FaultInjector;
  /** Every `/v2/embed` request in order, stamped by the simulator's clock (cleared by `resetStats`). */
  readonly arrivals: CohereArrival[];
  /** The bodies of every `/v2/embed` request, in order. */
  embedBodies(): Record<string, unknown>[];
  /** The float vector the simulator answers for a text, so tests can compute expectations. */
  expectedVector(
    text: string,
    model: string,
    inputType: string,
    outputDimension?: number,
  ): Float32Array;
  /** The same for an image data URI. */
  expectedImageVector(
    dataUri: string,
    model: string,
    inputType: string,
    outputDimension?: number,
  ): Float32Array;
}

/**
 * Starts a simulator of Cohere's `POST /v2/embed`, written from the package's API.md: bearer auth
 * (401 `no api key supplied` / `invalid api token`), per-model validation with `{ id, message }`
 * bodies, `texts` / `inputs` / `images`, every `embedding_types`, Matryoshka `output_dimension`,
 * `truncate`, the 96-input and token caps, inputs-per-minute limits with 429, latency and faults.
 * `POST /v2/rerank` scores with `simulatedRelevance` (absolute per pair, as a cross-encoder's),
 * sorted best first, billed in search units, under its own requests-per-minute limit.
 */
export async function startCohereSimulator(
  options: CohereSimulatorOptions = {},
): Promise<CohereSimulator> {
  const apiKey = options.apiKey ?? cohereSimulatorKey;
  const models = { ...simulatedCohereModels, ...options.models };
  const now = options.now ?? Date.now;
  const windowMs = options.limits?.windowMs ?? 60_000;
  const limiter = createRateLimiter({
    tokensPerWindow: options.limits?.inputsPerMinute,
    requestsPerWindow: options.limits?.requestsPerMinute,
    windowMs,
    now,
  });
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);
  const rerankLimiter = createRateLimiter({
    requestsPerWindow: options.limits?.rerankRequestsPerMinute,
    windowMs,
    now,
  });
  const arrivals: CohereArrival[] = [];
  const limited = (rejection: RateLimitRejection) =>
    cohereErrorReply(
      429,
      'You are past the per minute request limit, please wait and try again later.',
      retryAfterHeaders(rejection, options.retryAfter ?? 'none'),
    );

  const denied = (request: Parameters<RouteHandler>[0]): SimulatorReply | undefined => {
    const given = bearerToken(request.headers);
    if (given === undefined) return cohereErrorReply(401, 'no api key supplied');
    if (given !== apiKey) {
      return cohereErrorReply(
        401,
        options.leakKeyInErrors ? `invalid api token: ${given}` : 'invalid api token',
      );
    }
    return undefined;
  };

  const rerank = async (
    request: Parameters<RouteHandler>[0],
    simulator: HttpSimulator,
  ): Promise<SimulatorReply> => {
    const refused = denied(request);
    if (refused) return refused;
    const validated = validateCohereRerankRequest(request.body, simulatedCohereRerankers);
    if ('reply' in validated) return validated.reply;
    const valid = validated.request;
    const admission = rerankLimiter.acquire(0);
    if ('rejection' in admission) return limited(admission.rejection);
    try {
      const fault = faults.next();
      if (fault === 'serverError') {
        return cohereErrorReply(
          500,
          'internal server error, this has been reported to our developers',
        );
      }
      if (fault === 'rateLimit') {
        return limited({ limit: 'requests', retryAfterMs: options.faultRetryAfterMs ?? 1000 });
      }
      await latency.wait(valid.tokens, request.signal);
      const results = valid.documents
        .map((document, index) => ({
          index,
          relevance_score: simulatedRelevance(valid.query, document),
        }))
        .sort((left, right) => right.relevance_score - left.relevance_score)
        .slice(0, valid.topN ?? valid.documents.length);
      const body = {
        results: fault === 'wrongCount' ? results.slice(0, -1) : results,
        id: randomUUID(),
        meta: {
          api_version: { version: '2', is_experimental: false },
          billed_units: { search_units: valid.searchUnits },
        },
      };
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(valid.tokens);
      return { kind: 'json', status: 200, body };
    } finally {
      admission.permit.release();
    }
  };

  const embed = async (
    request: Parameters<RouteHandler>[0],
    simulator: HttpSimulator,
  ): Promise<SimulatorReply> => {
    const refused = denied(request);
    if (refused) return refused;
    const validated = validateCohereRequest(request.body, models);
    if ('reply' in validated) return validated.reply;
    const valid = validated.request;
    const admission = limiter.acquire(valid.inputs.length);
    if ('rejection' in admission) return limited(admission.rejection);
    try {
      const fault = faults.next();
      if (fault === 'serverError') {
        return cohereErrorReply(
          500,
          'internal server error, this has been reported to our developers',
        );
      }
      if (fault === 'rateLimit') {
        return limited({ limit: 'requests', retryAfterMs: options.faultRetryAfterMs ?? 1000 });
      }
      await latency.wait(valid.textTokens + valid.imageTokens, request.signal);
      const vectors = valid.inputs.map((input) =>
        cohereSimulatedVector(input, valid.info.dim, valid.inputType, valid.outputDimension),
      );
      if (fault === 'wrongCount') vectors.pop();
      if (fault === 'wrongDimension' && vectors[0]) vectors[0] = vectors[0].slice(0, -1);
      const embeddings: Record<string, unknown> = {};
      for (const type of valid.embeddingTypes) {
        embeddings[type] = vectors.map((vector) => encodeCohereVector(vector, type));
      }
      const body = {
        id: randomUUID(),
        embeddings,
        texts: valid.texts ?? [],
        ...(valid.imageTokens > 0 ? { images: imageInfo(valid.inputs) } : {}),
        meta: {
          api_version: { version: '2' },
          billed_units: {
            input_tokens: valid.textTokens,
            ...(valid.imageTokens > 0 ? { image_tokens: valid.imageTokens } : {}),
          },
        },
        response_type: 'embeddings_by_type',
      };
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(valid.textTokens + valid.imageTokens);
      return { kind: 'json', status: 200, body };
    } finally {
      admission.permit.release();
    }
  };

  const http = await startHttpSimulator({
    routes: {
      'POST /v2/embed': async (request, simulator) => {
        const arrival: CohereArrival = { at: now() };
        arrivals.push(arrival);
        const reply = await embed(request, simulator);
        if (reply.kind !== 'reset' && reply.kind !== 'stall') arrival.status = reply.status;
        return reply;
      },
      'POST /v2/rerank': rerank,
    },
  });
  const vectorFor = (
    input: CohereSimulatedInput,
    model: string,
    inputType: string,
    outputDimension?: number,
  ) => cohereSimulatedVector(input, models[model]!.dim, inputType, outputDimension);
  return {
    ...http,
    baseURL: http.url,
    apiKey,
    faults,
    arrivals,
    resetStats() {
      http.resetStats();
      arrivals.length = 0;
    },
    embedBodies: () =>
      http.log
        .filter((entry) => entry.path === '/v2/embed')
        .map((entry) => entry.body as Record<string, unknown>),
    expectedVector: (text, model, inputType, outputDimension) =>
      vectorFor({ text }, model, inputType, outputDimension),
    expectedImageVector: (image, model, inputType, outputDimension) =>
      vectorFor({ image }, model, inputType, outputDimension),
  };
}

/** The `images` metadata Cohere echoes for image inputs (sizes are not decoded here). */
function imageInfo(inputs: readonly CohereSimulatedInput[]) {
  return inputs
    .filter((input): input is { image: string } => 'image' in input)
    .map((input) => ({
      width: 0,
      height: 0,
      format: input.image.slice(11, input.image.indexOf(';')),
      bit_depth: 24,
    }));
}
