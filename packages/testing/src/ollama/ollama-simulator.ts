import {
  createFaultInjector,
  type FaultInjector,
  type FaultInjectorOptions,
} from '../simulators/fault-injector.js';
import {
  bearerToken,
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
import { normalized, semanticVector } from '../simulators/semantic-vectors.js';
import { countTokens } from '../simulators/token-count.js';

/** A model the simulated server has pulled. */
export interface SimulatedOllamaModel {
  /** Vector length the model produces. */
  readonly dim: number;
  /** Context length in tokens (the GGUF's `context_length`). */
  readonly contextLength: number;
}

/** The models pulled by default: two small ones, under their library names. */
export const simulatedOllamaModels: Readonly<Record<string, SimulatedOllamaModel>> = {
  'nomic-embed-text:latest': { dim: 768, contextLength: 2048 },
  'all-minilm:latest': { dim: 384, contextLength: 256 },
};

export interface OllamaSimulatorOptions {
  /** Pulled models, by `name:tag` (`:latest` is added to a name without a tag). */
  readonly models?: Readonly<Record<string, SimulatedOllamaModel>>;
  /** A bearer key the server requires (as ollama.com does); none by default, as locally. */
  readonly apiKey?: string;
  /** Requests per window and concurrency; refusals answer 429 `{ error }`. */
  readonly rateLimits?: RateLimiterOptions;
  /** Wait header on 429s: `seconds` adds `Retry-After`. Default `none`. */
  readonly retryAfter?: 'seconds' | 'none';
  readonly latency?: LatencyModelOptions;
  readonly faults?: FaultInjectorOptions;
}

export interface OllamaSimulator extends HttpSimulator {
  readonly faults: FaultInjector;
  /** What the server returns for `text`: normalised, then truncated and renormalised. */
  expectedVector(text: string, model: string, dimensions?: number): Float32Array;
}

const goDuration = /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/**
 * Starts a simulator of Ollama's native embedding API (`POST /api/embed`), written from
 * `docs/api.md` and the server's `EmbedHandler`: `{ error }` bodies; 404 `model "x" not found, try
 * pulling it first` for a model that is not pulled; 400 for a missing body, a wrong input type or
 * an invalid `keep_alive`; with `truncate: false`, 400 `the input length exceeds the context
 * length`; vectors normalised, `dimensions` truncating and renormalising (ignored when not
 * smaller). Also `GET /api/version` and `GET /api/tags`.
 */
export async function startOllamaSimulator(
  options: OllamaSimulatorOptions = {},
): Promise<OllamaSimulator> {
  const models = new Map(
    Object.entries(options.models ?? simulatedOllamaModels).map(([name, model]) => [
      withTag(name),
      model,
    ]),
  );
  const limiter = createRateLimiter(options.rateLimits ?? {});
  const latency = createLatencyModel(options.latency);
  const faults = createFaultInjector(options.faults);
  const error = (status: number, message: string, headers?: Record<string, string>) =>
    ({ kind: 'json', status, body: { error: message }, ...(headers ? { headers } : {}) }) as const;

  const vectorFor = (text: string, model: string, dimensions?: number) => {
    const full = semanticVector(text, models.get(withTag(model))!.dim);
    return dimensions !== undefined && dimensions > 0 && dimensions < full.length
      ? normalized(full.slice(0, dimensions))
      : full;
  };

  const embed = async (
    request: SimulatorRequest,
    simulator: HttpSimulator,
  ): Promise<SimulatorReply> => {
    if (options.apiKey !== undefined && bearerToken(request.headers) !== options.apiKey) {
      return error(401, 'unauthorized');
    }
    if (request.rawBody === '') return error(400, 'missing request body');
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return error(400, 'json: cannot unmarshal into Go value of type api.EmbedRequest');
    }
    if (body.keep_alive !== undefined && body.keep_alive !== null) {
      const keepAlive = body.keep_alive;
      if (
        typeof keepAlive === 'string' ? !goDuration.test(keepAlive) : typeof keepAlive !== 'number'
      ) {
        return error(400, `time: invalid duration ${JSON.stringify(String(keepAlive))}`);
      }
    }
    if (body.dimensions !== undefined && !Number.isInteger(body.dimensions)) {
      return error(
        400,
        'json: cannot unmarshal into Go struct field EmbedRequest.dimensions of type int',
      );
    }
    if (body.truncate !== undefined && typeof body.truncate !== 'boolean') {
      return error(
        400,
        'json: cannot unmarshal into Go struct field EmbedRequest.truncate of type bool',
      );
    }
    const modelName = typeof body.model === 'string' ? body.model : '';
    let inputs: string[];
    if (typeof body.input === 'string') inputs = body.input.length > 0 ? [body.input] : [];
    else if (Array.isArray(body.input)) {
      if (!body.input.every((item) => typeof item === 'string')) {
        return error(400, 'invalid input type');
      }
      inputs = body.input as string[];
    } else if (body.input === undefined || body.input === null) inputs = [];
    else return error(400, 'invalid input type');
    const model = models.get(withTag(modelName));
    if (model === undefined) {
      return error(404, `model ${JSON.stringify(modelName)} not found, try pulling it first`);
    }
    if (inputs.length === 0) {
      return { kind: 'json', status: 200, body: { model: modelName, embeddings: [] } };
    }
    const requestOptions = (body.options ?? {}) as Record<string, unknown>;
    const numCtx = typeof requestOptions.num_ctx === 'number' ? requestOptions.num_ctx : 0;
    const context = numCtx > 0 ? Math.min(numCtx, model.contextLength) : model.contextLength;
    let tokens = 0;
    for (const text of inputs) {
      const length = countTokens(text) + 2;
      if (body.truncate === false && length > context) {
        return error(400, 'the input length exceeds the context length');
      }
      tokens += Math.min(length, context);
    }
    const admission = limiter.acquire(tokens);
    if ('rejection' in admission) {
      return error(
        429,
        'too many requests',
        options.retryAfter === 'seconds' ? retryAfterHeaders(admission.rejection) : undefined,
      );
    }
    try {
      const fault = faults.next();
      if (fault === 'serverError')
        return error(500, 'llama runner process has terminated: exit status 2');
      if (fault === 'rateLimit')
        return error(503, 'server busy, please try again.  maximum pending requests exceeded');
      await latency.wait(tokens, request.signal);
      const dimensions = body.dimensions as number | undefined;
      let embeddings = inputs.map((text) => Array.from(vectorFor(text, modelName, dimensions)));
      if (fault === 'wrongCount') embeddings = embeddings.slice(0, -1);
      if (fault === 'wrongDimension') embeddings[0] = embeddings[0]!.slice(0, -1);
      const reply = {
        model: modelName,
        embeddings,
        total_duration: 14_143_917,
        load_duration: 1_019_500,
        prompt_eval_count: tokens,
      };
      const transport = transportFaultReply(fault, { status: 200, body: reply });
      if (transport) return transport;
      simulator.recordTokens(tokens);
      return { kind: 'json', status: 200, body: reply };
    } finally {
      admission.permit.release();
    }
  };

  const http = await startHttpSimulator({
    routes: {
      'POST /api/embed': embed,
      'GET /api/version': () => ({ kind: 'json', status: 200, body: { version: '0.12.6' } }),
      'GET /api/tags': () => ({
        kind: 'json',
        status: 200,
        body: { models: [...models.keys()].map((name) => ({ name, model: name })) },
      }),
    },
  });
  return {
    ...http,
    faults,
    expectedVector: vectorFor,
  };
}

function withTag(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}
