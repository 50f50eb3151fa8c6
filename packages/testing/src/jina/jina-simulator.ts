import { createFaultInjector, type FaultInjector } from '../simulators/fault-injector.js';
import {
  type HttpSimulator,
  type SimulatorStats,
  startHttpSimulator,
} from '../simulators/http-simulator.js';
import { createLatencyModel } from '../simulators/latency-model.js';
import { createRateLimiter } from '../simulators/rate-limiter.js';
import { createSeededRandom } from '../simulators/seeded-random.js';
import type { JinaServiceState } from './jina-admission.js';
import { embeddingsRoute } from './jina-embeddings-route.js';
import { rerankRoute } from './jina-rerank-route.js';
import { type JinaSimulatorOptions, jinaSimulatorApiKey } from './jina-simulator-options.js';

/**
 * The HTTP simulator's counters plus what the service bills. Billing is what a user pays, which
 * is not what reached them: a request is billed once the service admits it to the model (past
 * auth, validation, rate limits and an injected 5xx or 429, which cost nothing), whatever then
 * happens to its answer — delivered, cut by a reset or a truncated body, stalled, or abandoned by
 * a client that timed out or aborted, since a real service finishes a batch whose caller has left.
 * Billed tokens minus the tokens a client needed is what its retries wasted.
 */
export interface JinaSimulatorStats extends SimulatorStats {
  /** Tokens of every admitted `/v1/embeddings` request, answered or not. */
  billedTokens: number;
  /** Admitted `/v1/embeddings` requests, answered or not. */
  billedRequests: number;
  /**
   * Billed tokens of requests whose answer an injected fault destroyed (a reset, a stall, a
   * truncated or non-JSON body, a wrong count or dimension): no client can use those answers, so
   * this is the waste even a perfect client pays; what a client wastes beyond it is its own doing.
   */
  billedTokensLostToFaults: number;
}

/** A running Jina simulator: the HTTP simulator's counters plus Jina-specific handles. */
export interface JinaSimulator extends HttpSimulator {
  readonly stats: JinaSimulatorStats;
  /** Pass as `baseURL` to the provider: `<url>/v1`. */
  readonly baseURL: string;
  /** A key the simulator accepts. */
  readonly apiKey: string;
  /** Inject exact faults: `simulator.faults.force('rateLimit')`. */
  readonly faults: FaultInjector;
  /** Bodies of the `/v1/embeddings` requests received, oldest first. */
  embeddingBodies(): Record<string, unknown>[];
}

/**
 * Starts a faithful stand-in for Jina's `/v1/embeddings` and `/v1/rerank` on 127.0.0.1 (port
 * 0): per-model request validation with Jina's status codes and error bodies, deterministic
 * meaning-carrying vectors (late chunking included), every `embedding_type`, usage from a
 * tokenizer approximation, optional shuffled `data`, rate limits with 429, latency and faults.
 * Close it with `await simulator.close()`.
 */
export async function startJinaSimulator(
  options: JinaSimulatorOptions = {},
): Promise<JinaSimulator> {
  const random = createSeededRandom(options.seed ?? 1);
  const faults = createFaultInjector(options.faults);
  const state: JinaServiceState = {
    limiter: createRateLimiter({
      requestsPerWindow: options.limits?.requestsPerMinute,
      tokensPerWindow: options.limits?.tokensPerMinute,
      concurrentRequests: options.limits?.concurrentRequests,
      windowMs: options.limits?.windowMs,
    }),
    faults,
    latency: createLatencyModel({ random, ...options.latency }),
    retryAfter: options.retryAfter ?? 'none',
  };
  const apiKeys = options.apiKeys ?? [jinaSimulatorApiKey];
  const exhaustedKeys = options.exhaustedKeys ?? [];
  // Assigned once the server exists; requests (and so `bill`) only come after that.
  let stats: JinaSimulatorStats | undefined;
  const bill = (tokens: number, lostToFault: boolean) => {
    stats!.billedTokens += tokens;
    stats!.billedRequests++;
    if (lostToFault) stats!.billedTokensLostToFaults += tokens;
  };
  const http = await startHttpSimulator({
    routes: {
      'POST /v1/embeddings': embeddingsRoute({
        state,
        apiKeys,
        exhaustedKeys,
        maxInputs: options.maxInputsPerRequest ?? 2048,
        extraModels: options.extraModels,
        shuffle: options.shuffle ?? false,
        random,
        bill,
      }),
      'POST /v1/rerank': rerankRoute({
        state,
        apiKeys,
        exhaustedKeys,
        maxDocuments: options.maxRerankDocuments ?? 2048,
      }),
    },
  });
  const billedStats = Object.assign(http.stats, {
    billedTokens: 0,
    billedRequests: 0,
    billedTokensLostToFaults: 0,
  });
  stats = billedStats;
  const resetHttpStats = http.resetStats;
  return Object.assign(http, {
    stats: billedStats,
    resetStats() {
      resetHttpStats();
      billedStats.billedTokens = 0;
      billedStats.billedRequests = 0;
      billedStats.billedTokensLostToFaults = 0;
    },
    baseURL: `${http.url}/v1`,
    apiKey: apiKeys[0] ?? jinaSimulatorApiKey,
    faults,
    embeddingBodies: () =>
      http.log
        .filter((entry) => entry.path === '/v1/embeddings')
        .map((entry) => entry.body as Record<string, unknown>),
  });
}
