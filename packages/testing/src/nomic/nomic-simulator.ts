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
  type RateLimiterOptions,
  retryAfterHeaders,
} from '../simulators/rate-limiter.js';
import { matryoshka, normalized, semanticVector } from '../simulators/semantic-vectors.js';
import { nomicTextPieces } from './nomic-long-text.js';
import { validateNomicRequest } from './nomic-request-validation.js';
import {
  type SimulatedNomicModel,
  simulatedNomicMaxTexts,
  simulatedNomicModels,
} from './nomic-simulator-models.js';

/** A key the simulator accepts unless told otherwise (shaped like Nomic's `nk-…`). */
export const nomicSimulatorKey = 'nk-simulated-nomic-key-0e4f7b2a';

export interface NomicSimulatorOptions {
  readonly apiKey?: string;
  readonly models?: Readonly<Record<string, SimulatedNomicModel>>;
  /** Texts per request. Default 50, the official client's batch size. */
  readonly maxTextsPerRequest?: number;
  readonly rateLimits?: RateLimiterOptions;
  /** Whether a 429 carries `Retry-After` (whole seconds). Nomic documents none: default `'none'`. */
  readonly retryAfter?: 'seconds' | 'none';
  readonly latency?: LatencyModelOptions;
  readonly faults?: FaultInjectorOptions;
}

/** One request as the simulator saw it. */
export interface NomicCall {
  readonly receivedAt: number;
  readonly texts: number;
  status?: number;
  /** For a 429: the `Retry-After` it sent, in milliseconds (absent when none). */
  retryAfterMs?: number;
}

/** A running Nomic Atlas embedding API stand-in on 127.0.0.1. */
export interface NomicSimulator extends HttpSimulator {
  /** What the client's `baseURL` should be (the API root; the path is `/v1/embedding/text`). */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly faults: FaultInjector;
  /** Every embedding call, oldest first; `resetStats()` clears it too. */
  readonly calls: readonly NomicCall[];
  /** The vector the simulator returns, so tests can compute expectations. */
  expectedVector(
    text: string,
    options?: {
      model?: string;
      taskType?: string;
      dimensionality?: number;
      longTextMode?: 'truncate' | 'mean';
      maxTokensPerText?: number;
    },
  ): Float32Array;
}

/**
 * Starts a simulator of Nomic's `POST /v1/embedding/text` written from the fact sheet
 * (`packages/nomic/API.md`): bearer auth, FastAPI's 422 `detail[]` for unknown fields, enum
 * values and out-of-range `dimensionality` (v1.5 only, 64–768), at most 50 texts per request,
 * `long_text_mode` truncation or chunk averaging past the 8192-token context, usage, 429, latency
 * and faults. Task types shift vectors slightly, as they do for the real model.
 */
export async function startNomicSimulator(
  options: NomicSimulatorOptions = {},
): Promise<NomicSimulator> {
  const apiKey = options.apiKey ?? nomicSimulatorKey;
  const models = { ...simulatedNomicModels, ...options.models };
  const maxTexts = options.maxTextsPerRequest ?? simulatedNomicMaxTexts;
  const limiter = createRateLimiter(options.rateLimits);
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);
  const calls: NomicCall[] = [];

  const vectorFor = (
    text: string,
    model: string,
    taskType: string,
    dimensionality: number | undefined,
    mode: 'truncate' | 'mean',
    maxTokensPerText: number,
  ): Float32Array => {
    const info = models[model]!;
    const pieces = nomicTextPieces(text, {
      mode,
      contextTokens: info.contextTokens,
      maxTokensPerText,
    });
    const sum = new Float32Array(info.dim);
    for (const piece of pieces) {
      const vector = semanticVector(piece, info.dim, { salt: taskType });
      for (let slot = 0; slot < info.dim; slot++) sum[slot]! += vector[slot]!;
    }
    const full =
      pieces.length === 1
        ? semanticVector(pieces[0]!, info.dim, { salt: taskType })
        : normalized(sum);
    return dimensionality === undefined || dimensionality === info.dim
      ? full
      : matryoshka(full, dimensionality);
  };

  const rateLimited = (retryAfterMs: number, call: NomicCall): SimulatorReply => {
    const headers = retryAfterHeaders(
      { limit: 'requests', retryAfterMs },
      options.retryAfter ?? 'none',
    );
    if (headers['retry-after']) call.retryAfterMs = Number(headers['retry-after']) * 1000;
    return {
      kind: 'json',
      status: 429,
      body: { detail: 'Rate limit exceeded. Please retry later.' },
      headers,
    };
  };

  const handle = async (
    request: Parameters<RouteHandler>[0],
    simulator: HttpSimulator,
    call: NomicCall,
  ): Promise<SimulatorReply> => {
    const given = bearerToken(request.headers);
    if (given === undefined)
      return { kind: 'json', status: 401, body: { detail: 'Not authenticated' } };
    if (given !== apiKey) return { kind: 'json', status: 401, body: { detail: 'Invalid API key' } };
    const validated = validateNomicRequest(request.body, models, maxTexts);
    if ('reply' in validated) return validated.reply;
    const valid = validated.request;
    const admission = limiter.acquire(valid.tokens);
    if ('rejection' in admission) return rateLimited(admission.rejection.retryAfterMs, call);
    try {
      const fault = faults.next();
      if (fault === 'serverError')
        return { kind: 'json', status: 500, body: { detail: 'Internal Server Error' } };
      if (fault === 'rateLimit') return rateLimited(1000, call);
      await latency.wait(valid.tokens, request.signal);
      const embeddings = valid.texts.map((text) =>
        Array.from(
          vectorFor(
            text,
            valid.model,
            valid.taskType,
            valid.dimensionality,
            valid.longTextMode,
            valid.maxTokensPerText,
          ),
        ),
      );
      if (fault === 'wrongDimension' && embeddings[0]) embeddings[0].pop();
      const body = {
        embeddings: fault === 'wrongCount' ? embeddings.slice(0, -1) : embeddings,
        usage: { prompt_tokens: valid.tokens, total_tokens: valid.tokens },
        model: valid.model,
      };
      const transport = transportFaultReply(fault, { status: 200, body });
      if (transport) return transport;
      simulator.recordTokens(valid.tokens);
      return { kind: 'json', status: 200, body };
    } finally {
      admission.permit.release();
    }
  };

  const http = await startHttpSimulator({
    routes: {
      'POST /v1/embedding/text': async (request, simulator) => {
        const texts = (request.body as { texts?: unknown } | undefined)?.texts;
        const call: NomicCall = {
          receivedAt: Date.now(),
          texts: Array.isArray(texts) ? texts.length : 0,
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
    baseURL: http.url,
    apiKey,
    faults,
    calls,
    expectedVector: (
      text: string,
      {
        model = 'nomic-embed-text-v1.5',
        taskType = 'search_document',
        dimensionality,
        longTextMode = 'truncate',
        maxTokensPerText = 8192,
      }: {
        model?: string;
        taskType?: string;
        dimensionality?: number;
        longTextMode?: 'truncate' | 'mean';
        maxTokensPerText?: number;
      } = {},
    ) => vectorFor(text, model, taskType, dimensionality, longTextMode, maxTokensPerText),
  });
}
