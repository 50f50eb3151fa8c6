import {
  createFaultInjector,
  type FaultInjector,
  type FaultInjectorOptions,
} from '../simulators/fault-injector.js';
import {
  type HttpSimulator,
  type RouteHandler,
  type SimulatorReply,
  startHttpSimulator,
  transportFaultReply,
} from '../simulators/http-simulator.js';
import { createLatencyModel, type LatencyModelOptions } from '../simulators/latency-model.js';
import {
  createRateLimiter,
  type RateLimiterOptions,
  type RateLimitRejection,
} from '../simulators/rate-limiter.js';
import { matryoshka, semanticVector } from '../simulators/semantic-vectors.js';
import { googleErrorReply, protobufDuration } from './gemini-error-body.js';
import { validateGeminiBatch } from './gemini-request-validation.js';
import {
  type SimulatedGeminiModel,
  simulatedGeminiMaxRequests,
  simulatedGeminiModels,
} from './gemini-simulator-models.js';

/** The key the simulator accepts unless told otherwise. Not shaped like a real key on purpose. */
export const geminiSimulatorKey = 'simulated-gemini-key-7c1e5a90d4';

export interface GeminiSimulatorOptions {
  /** The accepted key. */
  readonly apiKey?: string;
  /** Models besides (or replacing) the documented two. */
  readonly models?: Readonly<Record<string, SimulatedGeminiModel>>;
  /** Requests per `batchEmbedContents` call. Default 100, the service's cap. */
  readonly maxRequestsPerBatch?: number;
  /** Requests / tokens per window and concurrency; 429 RESOURCE_EXHAUSTED with `RetryInfo` beyond. */
  readonly rateLimits?: RateLimiterOptions;
  readonly latency?: LatencyModelOptions;
  readonly faults?: FaultInjectorOptions;
  /** `retryDelay` advertised by injected `rateLimit` faults. Default 20 ms. */
  readonly faultRetryDelayMs?: number;
}

/** One `batchEmbedContents` call as the simulator saw it, for assertions on timing and order. */
export interface GeminiCall {
  /** Simulator clock (`Date.now()`) when the request arrived. */
  readonly receivedAt: number;
  readonly model: string;
  /** Number of `requests` in the body (0 when the body had none). */
  readonly requests: number;
  /** Status answered (`undefined` for transport faults). */
  status?: number;
  /** For a 429: the `RetryInfo.retryDelay` it advertised, in milliseconds. */
  retryDelayMs?: number;
}

/** A running Gemini API stand-in on 127.0.0.1. */
export interface GeminiSimulator extends HttpSimulator {
  /** `${url}/v1beta`: what the client's `baseURL` should be. */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly faults: FaultInjector;
  /** Every `batchEmbedContents` call, oldest first; `resetStats()` clears it too. */
  readonly calls: readonly GeminiCall[];
  /** The vector the simulator returns, so tests can compute expectations. */
  expectedVector(
    text: string,
    options?: { model?: string; taskType?: string; title?: string; dimensions?: number },
  ): Float32Array;
}

const routePattern = /^\/v1beta\/models\/([^/:]+):batchEmbedContents$/;

/**
 * Starts a simulator of the Gemini API's `batchEmbedContents` written from the fact sheet
 * (`packages/gemini/API.md`): the `x-goog-api-key` header (400 `API_KEY_INVALID` for a wrong key,
 * 403 without one), the JSON parser's refusals of unknown fields and enum values, the 100-request
 * cap, per-model task types and `outputDimensionality` ranges, titles only for
 * RETRIEVAL_DOCUMENT, 2048 tokens per input, Google's error body, 429 RESOURCE_EXHAUSTED with a
 * `RetryInfo` delay in the body (no `Retry-After` header), latency and faults. Truncated
 * vectors are returned unnormalised, the full size normalised, as the service does.
 */
export async function startGeminiSimulator(
  options: GeminiSimulatorOptions = {},
): Promise<GeminiSimulator> {
  const apiKey = options.apiKey ?? geminiSimulatorKey;
  const models = { ...simulatedGeminiModels, ...options.models };
  const maxRequests = options.maxRequestsPerBatch ?? simulatedGeminiMaxRequests;
  const limiter = createRateLimiter(options.rateLimits);
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);
  const calls: GeminiCall[] = [];

  const vectorFor = (
    text: string,
    model: string,
    taskType?: string,
    title?: string,
    dimensions?: number,
  ): Float32Array => {
    const info = models[model]!;
    const full = semanticVector(title ? `${title} ${text}` : text, info.dim, {
      salt: taskType ?? 'none',
    });
    return dimensions === undefined || dimensions === info.dim
      ? full
      : matryoshka(full, dimensions, false);
  };

  const rateLimited = (rejection: RateLimitRejection, model: string): SimulatorReply => {
    const seconds = protobufDuration(rejection.retryAfterMs);
    return googleErrorReply(
      429,
      `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguage.googleapis.com/embed_content_requests, limit: ${options.rateLimits?.requestsPerWindow ?? 0}, model: ${model}\nPlease retry in ${seconds}.`,
      {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: `generativelanguage.googleapis.com/embed_content_${rejection.limit === 'tokens' ? 'input_token_count' : 'requests'}`,
                quotaId:
                  rejection.limit === 'tokens'
                    ? 'EmbedContentInputTokensPerModelPerMinute'
                    : 'EmbedContentRequestsPerMinutePerProjectPerModel',
                quotaDimensions: { location: 'global', model },
              },
            ],
          },
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [
              {
                description: 'Learn more about Gemini API quotas',
                url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
              },
            ],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: seconds },
        ],
      },
    );
  };

  const handle = async (
    model: string,
    request: Parameters<RouteHandler>[0],
    simulator: HttpSimulator,
    call: GeminiCall,
  ): Promise<SimulatorReply> => {
    const given = request.headers['x-goog-api-key'] ?? request.query.get('key') ?? undefined;
    if (given === undefined || given === '') {
      return googleErrorReply(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
    }
    if (given !== apiKey) {
      // Google echoes the refused key in a DebugInfo detail; clients must redact it.
      return googleErrorReply(400, 'API key not valid. Please pass a valid API key.', {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
          {
            '@type': 'type.googleapis.com/google.rpc.DebugInfo',
            detail: `Invalid API key: ${String(given)}`,
          },
        ],
      });
    }
    const info = models[model];
    if (!info) {
      return googleErrorReply(
        404,
        `models/${model} is not found for API version v1beta, or is not supported for batchEmbedContents. Call ListModels to see the list of available models and their supported methods.`,
      );
    }
    const validated = validateGeminiBatch(request.body, model, info, maxRequests);
    if ('reply' in validated) return validated.reply;
    const { items } = validated;
    const tokens = items.reduce((sum, item) => sum + item.tokens, 0);
    const admission = limiter.acquire(tokens);
    if ('rejection' in admission) {
      call.retryDelayMs = admission.rejection.retryAfterMs;
      return rateLimited(admission.rejection, model);
    }
    try {
      const fault = faults.next();
      if (fault === 'serverError') {
        return googleErrorReply(503, 'The model is overloaded. Please try again later.');
      }
      if (fault === 'rateLimit') {
        const retryAfterMs = options.faultRetryDelayMs ?? 20;
        call.retryDelayMs = retryAfterMs;
        return rateLimited({ limit: 'requests', retryAfterMs }, model);
      }
      await latency.wait(tokens, request.signal);
      const embeddings = items.map((item) => ({
        values: Array.from(
          vectorFor(item.text, model, item.taskType, item.title, item.outputDimensionality),
        ),
      }));
      if (fault === 'wrongDimension' && embeddings[0]) embeddings[0].values.pop();
      const body = { embeddings: fault === 'wrongCount' ? embeddings.slice(0, -1) : embeddings };
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(tokens);
      return { kind: 'json', status: 200, body };
    } finally {
      admission.permit.release();
    }
  };

  const http = await startHttpSimulator({
    routes: {},
    fallback: async (request, simulator) => {
      const match = request.method === 'POST' ? routePattern.exec(request.path) : null;
      if (!match) {
        return googleErrorReply(
          404,
          `Requested entity was not found: ${request.method} ${request.path}`,
        );
      }
      const model = decodeURIComponent(match[1]!);
      const requests = (request.body as { requests?: unknown } | undefined)?.requests;
      const call: GeminiCall = {
        receivedAt: Date.now(),
        model,
        requests: Array.isArray(requests) ? requests.length : 0,
      };
      calls.push(call);
      const reply = await handle(model, request, simulator, call);
      if (reply.kind !== 'reset' && reply.kind !== 'stall') call.status = reply.status;
      return reply;
    },
  });
  const resetHttp = http.resetStats.bind(http);
  return Object.assign(http, {
    resetStats() {
      resetHttp();
      calls.length = 0;
    },
    baseURL: `${http.url}/v1beta`,
    apiKey,
    faults,
    calls,
    expectedVector: (
      text: string,
      {
        model = 'gemini-embedding-001',
        taskType,
        title,
        dimensions,
      }: { model?: string; taskType?: string; title?: string; dimensions?: number } = {},
    ) => vectorFor(text, model, taskType, title, dimensions),
  });
}
