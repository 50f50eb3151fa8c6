import type { FaultInjectorOptions } from '../simulators/fault-injector.js';
import type { LatencyModelOptions } from '../simulators/latency-model.js';
import type { SimulatedJinaModel } from './jina-simulator-models.js';

/** A well-formed key the simulator accepts by default: `jina_` followed by 60 characters. */
export const jinaSimulatorApiKey = `jina_${'simulator0key'.repeat(5).slice(0, 60)}`;

/** How `startJinaSimulator` behaves; every field is optional. */
export interface JinaSimulatorOptions {
  /** Keys answered normally. Default `[jinaSimulatorApiKey]`. Others get 401. */
  readonly apiKeys?: readonly string[];
  /** Keys that authenticate but have no balance: 403 `AUTHZ_INSUFFICIENT_BALANCE`. */
  readonly exhaustedKeys?: readonly string[];
  /** Per-key limits, as the service enforces them (all unlimited by default). */
  readonly limits?: {
    readonly requestsPerMinute?: number;
    readonly tokensPerMinute?: number;
    readonly concurrentRequests?: number;
    /** Length of the "minute"; shorten it in tests. Default 60 000 ms. */
    readonly windowMs?: number;
  };
  /**
   * Whether 429 answers carry `Retry-After` (whole seconds). Jina does not document it, so the
   * default is `'none'`; clients must cope either way.
   */
  readonly retryAfter?: 'seconds' | 'none';
  /**
   * Models the service knows besides the documented ones, e.g. a model released after the
   * client was: lets tests reach the 422 paths a known model never triggers.
   */
  readonly extraModels?: Readonly<Record<string, SimulatedJinaModel>>;
  /** Inputs per request; more is a 422. Default 2048. */
  readonly maxInputsPerRequest?: number;
  /** Documents per rerank request; more is a 422. Default 2048. */
  readonly maxRerankDocuments?: number;
  /** Return `data` in a random (seeded) order, as clients must reorder by `index`. */
  readonly shuffle?: boolean;
  readonly latency?: LatencyModelOptions;
  /** Fault rates and seed; `simulator.faults.force(...)` injects exact faults. */
  readonly faults?: FaultInjectorOptions;
  /** Seed for shuffling and jitter. Default 1. */
  readonly seed?: number;
}
