import { randomUUID } from 'node:crypto';
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
import {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  retryAfterHeaders,
} from '../simulators/rate-limiter.js';
import { matryoshka, semanticVector } from '../simulators/semantic-vectors.js';
import { mistralErrorReply } from './mistral-error-body.js';
import { quantizeForMistral } from './mistral-quantize.js';
import { validateMistralRequest } from './mistral-request-validation.js';
import {
  type SimulatedMistralLimits,
  type SimulatedMistralModel,
  simulatedMistralLimits,
  simulatedMistralModels,
} from './mistral-simulator-models.js';

/** The key the simulator accepts unless told otherwise. Not shaped like a real key on purpose. */
export const mistralSimulatorKey = 'simulated-mistral-key-93b0f2c6a1';

export interface MistralSimulatorOptions {
  readonly apiKey?: string;
  /** Models besides (or replacing) mistral-embed and codestral-embed. */
  readonly models?: Readonly<Record<string, SimulatedMistralModel>>;
  /** Lower request caps than the service's, to exercise "too large" answers with small data. */
  readonly requestLimits?: Partial<SimulatedMistralLimits>;
  /** Requests / tokens per window and concurrency; 429 `rate_limited` beyond. */
  readonly rateLimits?: RateLimiterOptions;
  /**
   * Whether a 429 carries a standard `Retry-After` (whole seconds). Mistral documents none, so the
   * default is `'none'`; `'seconds'` models a proxy or a future API version that sends one.
   */
  readonly retryAfter?: 'seconds' | 'none';
  readonly latency?: LatencyModelOptions;
  readonly faults?: FaultInjectorOptions;
}

/** One embeddings call as the simulator saw it. */
export interface MistralCall {
  /** Simulator clock (`Date.now()`) when the request arrived. */
  readonly receivedAt: number;
  /** Inputs in the body (0 when it had none). */
  readonly inputs: number;
  /** Tokens the simulator counted, once the request was validated. */
  tokens?: number;
  status?: number;
  /** For a 429: the wait it advertised in `Retry-After`, in milliseconds (absent when none). */
  retryAfterMs?: number;
}

/** A running Mistral embeddings API stand-in on 127.0.0.1. */
export interface MistralSimulator extends HttpSimulator {
  /** `${url}/v1`: what the client's `baseURL` should be. */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly faults: FaultInjector;
  /** Every embeddings call, oldest first; `resetStats()` clears it too. */
  readonly calls: readonly MistralCall[];
  /** The float vector the simulator returns for `text`. */
  expectedVector(text: string, model?: string, dimension?: number): Float32Array;
}

/**
 * Starts a simulator of Mistral's `POST /v1/embeddings` written from the fact sheet
 * (`packages/mistral/API.md`): bearer auth (401 `Unauthorized`), pydantic's 422 for unknown
 * fields and bad enum values, `output_dimension` and non-float `output_dtype` only on
 * codestral-embed, the 512-input / 8192-per-input / 16,384-per-request caps (400 code 3210),
 * float, base64 and integer outputs, usage, 429 `rate_limited` with the `x-ratelimit-*` headers,
 * latency and faults.
 */
export async function startMistralSimulator(
  options: MistralSimulatorOptions = {},
): Promise<MistralSimulator> {
  const apiKey = options.apiKey ?? mistralSimulatorKey;
  const models = { ...simulatedMistralModels, ...options.models };
  const limits = { ...simulatedMistralLimits, ...options.requestLimits };
  const rateLimits = options.rateLimits ?? {};
  const limiter = createRateLimiter(rateLimits);
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);
  const calls: MistralCall[] = [];
  const vectorFor = (text: string, model: string, dimension?: number) => {
    const info = models[model]!;
    const full = semanticVector(text, Math.max(info.dim, info.maxOutputDimension ?? 0));
    return matryoshka(full, dimension ?? info.dim);
  };

  const rateLimited = (retryAfterMs: number, call: MistralCall): SimulatorReply => {
    const headers = {
      ...limitHeaders(rateLimits, limiter),
      ...retryAfterHeaders({ limit: 'requests', retryAfterMs }, options.retryAfter ?? 'none'),
    };
    if (headers['retry-after']) call.retryAfterMs = Number(headers['retry-after']) * 1000;
    return mistralErrorReply(
      429,
      { message: 'Rate limit exceeded', type: 'rate_limited', code: '1300' },
      headers,
    );
  };

  const handle = async (
    request: Parameters<RouteHandler>[0],
    simulator: HttpSimulator,
    call: MistralCall,
  ): Promise<SimulatorReply> => {
    if (bearerToken(request.headers) !== apiKey) {
      return {
        kind: 'json',
        status: 401,
        body: { message: 'Unauthorized', request_id: randomUUID().replaceAll('-', '') },
      };
    }
    const validated = validateMistralRequest(request.body, models, limits);
    if ('reply' in validated) return validated.reply;
    const valid = validated.request;
    call.tokens = valid.totalTokens;
    const admission = limiter.acquire(valid.totalTokens);
    if ('rejection' in admission) return rateLimited(admission.rejection.retryAfterMs, call);
    try {
      const fault = faults.next();
      if (fault === 'serverError')
        return mistralErrorReply(503, {
          message: 'Service unavailable.',
          type: 'internal_server_error',
          code: '3000',
        });
      if (fault === 'rateLimit') return rateLimited(1000, call);
      await latency.wait(valid.totalTokens, request.signal);
      const data = valid.inputs.map((text, index) => {
        const vector = vectorFor(text, valid.model, valid.dimension);
        const embedding =
          valid.dtype === 'float'
            ? valid.encoding === 'base64'
              ? encodeBase64Floats(vector)
              : Array.from(vector)
            : quantizeForMistral(vector, valid.dtype);
        return { object: 'embedding', embedding, index };
      });
      if (fault === 'wrongDimension' && data[0] && Array.isArray(data[0].embedding))
        data[0].embedding.pop();
      const body = {
        id: randomUUID().replaceAll('-', ''),
        object: 'list',
        data: fault === 'wrongCount' ? data.slice(0, -1) : data,
        model: valid.model,
        usage: {
          prompt_tokens: valid.totalTokens,
          total_tokens: valid.totalTokens,
          completion_tokens: 0,
        },
      };
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(valid.totalTokens);
      return {
        kind: 'json',
        status: 200,
        body,
        headers: {
          ...limitHeaders(rateLimits, limiter),
          'x-ratelimit-tokens-query-cost': String(valid.totalTokens),
        },
      };
    } finally {
      admission.permit.release();
    }
  };

  const http = await startHttpSimulator({
    routes: {
      'POST /v1/embeddings': async (request, simulator) => {
        const input = (request.body as { input?: unknown } | undefined)?.input;
        const call: MistralCall = {
          receivedAt: Date.now(),
          inputs: Array.isArray(input) ? input.length : input === undefined ? 0 : 1,
        };
        calls.push(call);
        const reply = await handle(request, simulator, call);
        if (reply.kind !== 'reset' && reply.kind !== 'stall') call.status = reply.status;
        return reply;
      },
    },
  });
  const resetHttp = http.resetStats.bind(http);
  return Object.assign(http, {
    resetStats() {
      resetHttp();
      calls.length = 0;
    },
    baseURL: `${http.url}/v1`,
    apiKey,
    faults,
    calls,
    expectedVector: (text: string, model = 'mistral-embed', dimension?: number) =>
      vectorFor(text, model, dimension),
  });
}

/** The per-minute headers Mistral sends with every answer, for the limits that are set. */
function limitHeaders(limits: RateLimiterOptions, limiter: RateLimiter): Record<string, string> {
  const { requests, tokens } = limiter.remaining();
  const headers: Record<string, string> = {};
  if (limits.requestsPerWindow !== undefined) {
    headers['x-ratelimit-limit-req-minute'] = String(limits.requestsPerWindow);
    headers['x-ratelimit-remaining-req-minute'] = String(requests);
  }
  if (limits.tokensPerWindow !== undefined) {
    headers['x-ratelimit-limit-tokens-minute'] = String(limits.tokensPerWindow);
    headers['x-ratelimit-remaining-tokens-minute'] = String(tokens);
  }
  return headers;
}
