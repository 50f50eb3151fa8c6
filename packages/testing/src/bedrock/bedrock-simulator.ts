import { randomUUID } from 'node:crypto';
import {
  createFaultInjector,
  type FaultInjector,
  type FaultInjectorOptions,
} from '../simulators/fault-injector.js';
import {
  type HttpSimulator,
  type RouteHandler,
  startHttpSimulator,
  transportFaultReply,
} from '../simulators/http-simulator.js';
import { createLatencyModel, type LatencyModelOptions } from '../simulators/latency-model.js';
import {
  createRateLimiter,
  type RateLimiterOptions,
  retryAfterHeaders,
} from '../simulators/rate-limiter.js';
import { matryoshka, packSignBits, semanticVector } from '../simulators/semantic-vectors.js';
import { bedrockErrorReply } from './bedrock-error-reply.js';
import {
  type SimulatedBedrockModel,
  simulatedBedrockModels,
  type ValidBedrockRequest,
  validateBedrockRequest,
} from './bedrock-request-validation.js';
import { type SimulatedAwsCredentials, verifySigV4 } from './bedrock-sigv4-verifier.js';

/** Test credentials, shaped like AWS's documentation examples, never like a real key. */
export const bedrockSimulatorCredentials: SimulatedAwsCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export interface BedrockSimulatorOptions {
  /** The region requests must be signed for. Default `us-east-1`. */
  readonly region?: string;
  /** The credentials the account accepts. Default `bedrockSimulatorCredentials`. */
  readonly credentials?: SimulatedAwsCredentials;
  /** Model ids served; others of the catalogue answer 403 (no model access). Default all. */
  readonly enabledModels?: readonly string[];
  /** Requests/tokens per window and concurrency; refusals answer 429 ThrottlingException. */
  readonly rateLimits?: RateLimiterOptions;
  /**
   * Wait header on 429s. Bedrock documents none (`none`, the default); `seconds` adds
   * `Retry-After`, as a proxy or VPC gateway in front of it may.
   */
  readonly retryAfter?: 'seconds' | 'none';
  readonly latency?: LatencyModelOptions;
  readonly faults?: FaultInjectorOptions;
  /** The simulator's clock, for signature-expiry tests. Default `Date.now`. */
  readonly now?: () => number;
}

export interface BedrockSimulator extends HttpSimulator {
  /** What the client's `endpoint` should be. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: SimulatedAwsCredentials;
  readonly faults: FaultInjector;
  /** The float vector the model returns for `text` (Cohere: per `input_type`). */
  expectedVector(
    text: string,
    model: string,
    options?: { dimensions?: number; inputType?: string; normalize?: boolean },
  ): Float32Array;
}

/**
 * Starts a simulator of Amazon Bedrock Runtime's `POST /model/{modelId}/invoke` for its text
 * embedding models (Titan Text Embeddings v1/v2, Cohere Embed v3 and v4), written from Bedrock's
 * model parameter pages and API reference. Every request's SigV4 signature is recomputed from the
 * test credentials and a bad one refused with Bedrock's 403 shape; bodies are validated per model
 * (400 ValidationException, `Malformed input request: #/…`); throttling is 429
 * ThrottlingException. Responses carry Bedrock's token-count and request-id headers.
 */
export async function startBedrockSimulator(
  options: BedrockSimulatorOptions = {},
): Promise<BedrockSimulator> {
  const region = options.region ?? 'us-east-1';
  const credentials = options.credentials ?? bedrockSimulatorCredentials;
  const enabled = new Set(options.enabledModels ?? Object.keys(simulatedBedrockModels));
  const limiter = createRateLimiter(options.rateLimits ?? {});
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);

  const vectorFor = (
    text: string,
    model: SimulatedBedrockModel,
    dimensions: number,
    inputType: string | undefined,
    normalize: boolean,
  ) => {
    const full = semanticVector(text, model.dim, {
      ...(inputType ? { salt: inputType } : {}),
      normalize,
    });
    return dimensions === model.dim ? full : matryoshka(full, dimensions, normalize);
  };

  const invoke =
    (modelId: string, model: SimulatedBedrockModel): RouteHandler =>
    async (request, simulator) => {
      const auth = verifySigV4(request, credentials, region, options.now?.());
      if (auth) return auth;
      if (!enabled.has(modelId)) {
        return bedrockErrorReply(
          'AccessDeniedException',
          "You don't have access to the model with the specified model ID.",
        );
      }
      const validated = validateBedrockRequest(request.body, model);
      if ('reply' in validated) return validated.reply;
      const valid = validated.request;
      const admission = limiter.acquire(valid.tokens);
      if ('rejection' in admission) {
        return bedrockErrorReply(
          'ThrottlingException',
          'Too many requests, please wait before trying again.',
          options.retryAfter === 'seconds' ? retryAfterHeaders(admission.rejection) : {},
        );
      }
      try {
        const fault = faults.next();
        if (fault === 'serverError') {
          return bedrockErrorReply(
            'InternalServerException',
            'The request processing has failed because of an unknown error, exception or failure.',
          );
        }
        if (fault === 'rateLimit') {
          return bedrockErrorReply(
            'ThrottlingException',
            'Too many requests, please wait before trying again.',
          );
        }
        await latency.wait(valid.tokens, request.signal);
        const vectors = valid.texts.map((text) =>
          vectorFor(text, model, valid.dimensions, valid.inputType, valid.normalize),
        );
        const body = respond(model, valid, vectors, fault);
        const transport = transportFaultReply(fault, { status: 200, body });
        if (transport) return transport;
        simulator.recordTokens(valid.tokens);
        return {
          kind: 'json',
          status: 200,
          body,
          headers: {
            'x-amzn-requestid': randomUUID(),
            'x-amzn-bedrock-input-token-count': String(valid.tokens),
            'x-amzn-bedrock-invocation-latency': '12',
          },
        };
      } finally {
        admission.permit.release();
      }
    };

  const routes: Record<string, RouteHandler> = {};
  for (const [modelId, model] of Object.entries(simulatedBedrockModels)) {
    routes[`POST /model/${encodeURIComponent(modelId)}/invoke`] = invoke(modelId, model);
    routes[`POST /model/${modelId}/invoke`] = invoke(modelId, model);
  }
  const http = await startHttpSimulator({ routes });
  return {
    ...http,
    endpoint: http.url,
    region,
    credentials,
    faults,
    expectedVector: (text, modelId, expected = {}) => {
      const model = simulatedBedrockModels[modelId]!;
      return vectorFor(
        text,
        model,
        expected.dimensions ?? model.dim,
        expected.inputType,
        expected.normalize ?? true,
      );
    },
  };
}

/** The documented response body of each family. */
function respond(
  model: SimulatedBedrockModel,
  valid: ValidBedrockRequest,
  vectors: Float32Array[],
  fault: string | undefined,
): unknown {
  const damaged = (list: number[][]) => {
    if (fault === 'wrongDimension' && list[0]) list[0] = list[0].slice(0, -1);
    return fault === 'wrongCount' ? list.slice(0, -1) : list;
  };
  if (model.family === 'titan-v1') {
    return {
      embedding: damaged([Array.from(vectors[0]!)])[0] ?? [],
      inputTextTokenCount: valid.tokens,
    };
  }
  if (model.family === 'titan-v2') {
    const float = Array.from(vectors[0]!);
    const byType: Record<string, number[]> = {};
    const types = valid.embeddingTypes ?? ['float'];
    if (types.includes('float')) byType.float = damaged([float])[0] ?? [];
    if (types.includes('binary')) {
      byType.binary = damaged([float.map((value) => (value > 0 ? 1 : 0))])[0] ?? [];
    }
    return {
      embedding: damaged([float])[0] ?? [],
      inputTextTokenCount: valid.tokens,
      embeddingsByType: byType,
    };
  }
  const id = randomUUID();
  if (valid.embeddingTypes === undefined) {
    return {
      id,
      texts: valid.texts,
      embeddings: damaged(vectors.map((vector) => Array.from(vector))),
      response_type: 'embeddings_floats',
    };
  }
  const embeddings: Record<string, number[][]> = {};
  for (const type of valid.embeddingTypes) {
    embeddings[type] = damaged(vectors.map((vector) => encodeAs(type, vector)));
  }
  return { id, texts: valid.texts, embeddings, response_type: 'embeddings_by_type' };
}

/** Cohere's quantised encodings: int8/uint8 per dimension, binary/ubinary as packed sign bits. */
function encodeAs(type: string, vector: Float32Array): number[] {
  if (type === 'float') return Array.from(vector);
  let largest = 0;
  for (const value of vector) largest = Math.max(largest, Math.abs(value));
  const scale = largest === 0 ? 0 : 127 / largest;
  if (type === 'int8') return Array.from(vector, (value) => Math.round(value * scale));
  if (type === 'uint8') return Array.from(vector, (value) => Math.round(value * scale) + 128);
  const packed = Array.from(packSignBits(vector));
  return type === 'ubinary' ? packed : packed.map((byte) => (byte > 127 ? byte - 256 : byte));
}
