import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { encodeBase64Floats } from '@embedkit/core';
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
import { createRateLimiter, type RateLimiterOptions } from '../simulators/rate-limiter.js';
import { matryoshka, semanticVector } from '../simulators/semantic-vectors.js';
import { azureErrorReply, maskKey, openaiErrorReply } from './openai-error-body.js';
import { type RetryAfterStyle, rateLimitReply } from './openai-rate-limit-reply.js';
import { validateOpenAIRequest } from './openai-request-validation.js';
import {
  type SimulatedOpenAILimits,
  type SimulatedOpenAIModel,
  simulatedOpenAILimits,
  simulatedOpenAIModels,
} from './openai-simulator-models.js';

/** The key the simulator accepts unless told otherwise. Not shaped like a real key on purpose. */
export const openaiSimulatorKey = 'simulated-openai-key-4f2d9c7e1b';

export interface OpenAISimulatorOptions {
  /** The accepted key; `null` serves without auth, like a local server. */
  readonly apiKey?: string | null;
  /** Models besides (or replacing) OpenAI's three, e.g. a local server's `nomic-embed-text`. */
  readonly models?: Readonly<Record<string, SimulatedOpenAIModel>>;
  /** Lower request limits than the service's, to exercise "too large" answers with small data. */
  readonly requestLimits?: Partial<SimulatedOpenAILimits>;
  /** Azure mode: deployment name → model, served at `/openai/deployments/{name}/embeddings`. */
  readonly azureDeployments?: Readonly<Record<string, string>>;
  /** `api-version` values Azure routes accept; others answer 404. */
  readonly azureApiVersions?: readonly string[];
  /** Requests / tokens per window and concurrency; 429 with the documented headers beyond. */
  readonly rateLimits?: RateLimiterOptions;
  /** Wait headers on a 429 besides `x-ratelimit-*`. Default `milliseconds` (`retry-after-ms`). */
  readonly retryAfter?: RetryAfterStyle;
  readonly latency?: LatencyModelOptions;
  readonly faults?: FaultInjectorOptions;
  /** Wait advertised by injected `rateLimit` faults. Default 20 ms. */
  readonly faultRetryAfterMs?: number;
  /** Echo the full key in 401 messages, as a careless proxy would, to test redaction. */
  readonly leakKeyInErrors?: boolean;
}

/** A running OpenAI-compatible service on 127.0.0.1. */
export interface OpenAISimulator extends HttpSimulator {
  /** `${url}/v1`: what the client's `baseURL` should be. */
  readonly baseURL: string;
  /** The accepted key, `undefined` when auth is off. */
  readonly apiKey: string | undefined;
  readonly faults: FaultInjector;
  /** From now on every request answers 429 `insufficient_quota` (or stops doing so). */
  setQuotaExhausted(exhausted: boolean): void;
  /** The vector the simulator returns for `text`, so tests can compute expectations. */
  expectedVector(text: string, model: string, dimensions?: number): Float32Array;
}

/**
 * Starts a simulator of the OpenAI embeddings API (and Azure OpenAI's deployment routes) on the
 * shared HTTP machinery: per-model validation (unknown field → 400, `dimensions` on ada-002 →
 * 400, context and 300,000-token caps), the documented error body, `float` and `base64`
 * encodings, usage, rate limits with `x-ratelimit-*` / `retry-after(-ms)`, latency, faults.
 */
export async function startOpenAISimulator(
  options: OpenAISimulatorOptions = {},
): Promise<OpenAISimulator> {
  const apiKey = options.apiKey === null ? undefined : (options.apiKey ?? openaiSimulatorKey);
  const models = { ...simulatedOpenAIModels, ...options.models };
  const azureVersions = new Set(
    options.azureApiVersions ?? ['2023-05-15', '2024-02-01', '2024-06-01', '2024-10-21'],
  );
  const requestLimits = { ...simulatedOpenAILimits, ...options.requestLimits };
  const limits = options.rateLimits ?? {};
  const limiter = createRateLimiter(limits);
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);
  let quotaExhausted = false;

  const vectorFor = (input: string | readonly number[], model: string, dimensions?: number) => {
    const info = models[model]!;
    const text = typeof input === 'string' ? input : input.join(' ');
    const full = semanticVector(text, info.dim);
    return dimensions === undefined ? full : matryoshka(full, dimensions);
  };

  const embeddings = async (
    request: Parameters<RouteHandler>[0],
    simulator: HttpSimulator,
    azure?: { model: string; apiVersion: string },
  ): Promise<SimulatorReply> => {
    const auth = checkAuth(request.headers, apiKey, azure !== undefined, options.leakKeyInErrors);
    if (auth) return auth;
    const validated = validateOpenAIRequest(request.body, models, azure?.model, requestLimits);
    if ('reply' in validated) return validated.reply;
    const valid = validated.request;
    if (quotaExhausted) {
      return openaiErrorReply(429, {
        message:
          'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      });
    }
    const admission = limiter.acquire(valid.totalTokens);
    if ('rejection' in admission) {
      return rateLimitReply({
        rejection: admission.rejection,
        limits,
        style: options.retryAfter ?? 'milliseconds',
        model: valid.model,
        azureApiVersion: azure?.apiVersion,
      });
    }
    try {
      const fault = faults.next();
      if (fault === 'serverError') {
        return openaiErrorReply(500, {
          message:
            'The server had an error while processing your request. Sorry about that! You can retry your request.',
          type: 'server_error',
        });
      }
      if (fault === 'rateLimit') {
        return rateLimitReply({
          rejection: { limit: 'requests', retryAfterMs: options.faultRetryAfterMs ?? 20 },
          limits,
          style: options.retryAfter ?? 'milliseconds',
          model: valid.model,
          azureApiVersion: azure?.apiVersion,
        });
      }
      await latency.wait(valid.totalTokens, request.signal);
      const vectors = valid.inputs.map((input) => vectorFor(input, valid.model, valid.dimensions));
      const data = vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding:
          valid.encodingFormat === 'base64' ? encodeBase64Floats(vector) : Array.from(vector),
      }));
      const body = {
        object: 'list',
        data: fault === 'wrongCount' ? data.slice(0, -1) : data,
        model: valid.model,
        usage: { prompt_tokens: valid.totalTokens, total_tokens: valid.totalTokens },
      };
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(valid.totalTokens);
      return { kind: 'json', status: 200, body, headers: limitHeaders(limits) };
    } finally {
      admission.permit.release();
    }
  };

  const routes: Record<string, RouteHandler> = {
    'POST /v1/embeddings': async (request, simulator) =>
      withRequestId(await embeddings(request, simulator), 'x-request-id'),
  };
  for (const [deployment, model] of Object.entries(options.azureDeployments ?? {})) {
    routes[`POST /openai/deployments/${encodeURIComponent(deployment)}/embeddings`] = async (
      request,
      simulator,
    ) => {
      const apiVersion = request.query.get('api-version');
      if (apiVersion === null || !azureVersions.has(apiVersion)) {
        return withRequestId(azureErrorReply(404, 'Resource not found'), 'apim-request-id');
      }
      return withRequestId(
        await embeddings(request, simulator, { model, apiVersion }),
        'apim-request-id',
      );
    };
  }

  const http = await startHttpSimulator({ routes });
  return {
    ...http,
    baseURL: `${http.url}/v1`,
    apiKey,
    faults,
    setQuotaExhausted(exhausted) {
      quotaExhausted = exhausted;
    },
    expectedVector: (text, model, dimensions) => vectorFor(text, model, dimensions),
  };
}

/** 401 answers as OpenAI (bearer) and Azure (`api-key`) give them; `undefined` when allowed. */
function checkAuth(
  headers: IncomingHttpHeaders,
  apiKey: string | undefined,
  azure: boolean,
  leakKey: boolean | undefined,
): SimulatorReply | undefined {
  if (apiKey === undefined) return undefined;
  if (azure) {
    if (headers['api-key'] === apiKey) return undefined;
    return azureErrorReply(
      401,
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    );
  }
  const given = bearerToken(headers);
  if (given === apiKey) return undefined;
  if (given === undefined) {
    return openaiErrorReply(401, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      type: 'invalid_request_error',
    });
  }
  return openaiErrorReply(401, {
    message: `Incorrect API key provided: ${leakKey ? given : maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  });
}

/** Every answer carries a request id header, as the services do (`x-request-id` / Azure's). */
function withRequestId(reply: SimulatorReply, header: string): SimulatorReply {
  if (reply.kind === 'reset' || reply.kind === 'stall') return reply;
  return { ...reply, headers: { [header]: randomUUID(), ...reply.headers } };
}

function limitHeaders(limits: RateLimiterOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (limits.requestsPerWindow !== undefined)
    headers['x-ratelimit-limit-requests'] = String(limits.requestsPerWindow);
  if (limits.tokensPerWindow !== undefined)
    headers['x-ratelimit-limit-tokens'] = String(limits.tokensPerWindow);
  return headers;
}
