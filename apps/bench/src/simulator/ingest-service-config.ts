import type { JinaSimulatorOptions } from '@embedkit/testing';
import type { ServiceLimits } from './service-limits.js';

/**
 * A simulated embedding service of the ingest scenarios: its published limits (what clients
 * are given), its latency model (fixed + per token, in real milliseconds, then compressed by
 * `timeScale`) and its per-request caps.
 */
export interface ServiceProfile extends ServiceLimits {
  readonly fixedLatencyMs: number;
  readonly perTokenLatencyMs: number;
  /** Log-normal spread of each request's latency (mean kept); 0 for none. */
  readonly latencySigma: number;
  readonly maxTokensPerInput: number;
}

/**
 * The simulated Jina service of the free-tier ingest benchmark: Jina's free-tier limits (500
 * requests, 1,000,000 tokens per minute, 5 concurrent requests), 2,048 inputs per request and
 * 8,192 tokens per input, with time compressed 6×: the rate-limit "minute" lasts 10 s and a
 * latency of 300 ms + 0.06 ms per token becomes 50 ms + 0.01 ms per token. Compressing time
 * rather than shrinking the documents keeps every limit's proportions; the full run's corpus
 * (8,000 documents, 2.05 windows' worth of tokens) then has a theoretical best of about 20 s.
 */
export const ingestService: ServiceProfile = {
  requestsPerMinute: 500,
  tokensPerMinute: 1_000_000,
  concurrentRequests: 5,
  minuteMs: 10_000,
  fixedLatencyMs: 300,
  perTokenLatencyMs: 0.06,
  latencySigma: 0,
  timeScale: 1 / 6,
  maxInputsPerRequest: 2048,
  maxTokensPerInput: 8192,
};

/** The simulator options that implement a service profile (default: the free tier). */
export function ingestSimulatorOptions(
  service: ServiceProfile = ingestService,
  seed = 1,
): JinaSimulatorOptions {
  return {
    limits: {
      requestsPerMinute: service.requestsPerMinute,
      tokensPerMinute: service.tokensPerMinute,
      concurrentRequests: service.concurrentRequests,
      windowMs: service.minuteMs,
    },
    latency: {
      fixedMs: service.fixedLatencyMs,
      perTokenMs: service.perTokenLatencyMs,
      timeScale: service.timeScale,
      ...(service.latencySigma > 0 ? { logNormalSigma: service.latencySigma } : {}),
    },
    maxInputsPerRequest: service.maxInputsPerRequest,
    seed,
  };
}

/** Each limit's lower bound on the wall time of a corpus, and the binding one. */
export interface TheoreticalBest {
  readonly tokenBoundMs: number;
  readonly requestBoundMs: number;
  readonly concurrencyBoundMs: number;
  readonly bestMs: number;
  readonly binding: 'tokens per minute' | 'requests per minute' | 'concurrency × latency';
  /**
   * The best a client with one request in flight could do: every request's (mean) latency one
   * after another, with the fewest requests, and never faster than the limits allow.
   */
  readonly sequentialMs: number;
}

/**
 * The fastest any client could embed `totalTokens` tokens in `documents` inputs:
 * - tokens/min: no minute-long window may admit more than one minute's budget, so the last
 *   tokens cannot be admitted before `(⌈total / budget⌉ − 1)` minutes; the remainder then still
 *   takes its latency (spread over the concurrent-request cap);
 * - requests/min: likewise with the fewest possible requests (`maxInputsPerRequest` inputs each);
 *   the last window's requests then still take their latency;
 * - concurrency × latency: every request pays the fixed latency and every token its share,
 *   spread over the concurrent-request cap; the best split is as many requests as the cap
 *   (or the fewest possible, if more), all in flight at once.
 * The largest of the three binds; nothing can beat it. Latencies are means (the log-normal
 * spread keeps the mean).
 */
export function theoreticalBest(
  documents: number,
  totalTokens: number,
  service: ServiceProfile = ingestService,
): TheoreticalBest {
  const minute = service.minuteMs;
  const cap = service.concurrentRequests;
  const latency = (requests: number, tokens: number) =>
    (requests * service.fixedLatencyMs + tokens * service.perTokenLatencyMs) * service.timeScale;
  const fewestRequests = Math.ceil(documents / service.maxInputsPerRequest);
  const fullMinutes = Math.ceil(totalTokens / service.tokensPerMinute) - 1;
  const lastTokens = totalTokens - fullMinutes * service.tokensPerMinute;
  const tokenBoundMs = fullMinutes > 0 ? fullMinutes * minute + latency(cap, lastTokens) / cap : 0;
  const requestMinutes = Math.ceil(fewestRequests / service.requestsPerMinute) - 1;
  const lastRequestTokens = (totalTokens / fewestRequests) * service.maxInputsPerRequest;
  const requestBoundMs =
    requestMinutes > 0 ? requestMinutes * minute + latency(1, lastRequestTokens) : 0;
  const requests = Math.max(fewestRequests, Math.min(cap, documents));
  const concurrencyBoundMs = latency(requests, totalTokens) / Math.min(cap, requests);
  const bounds = [
    ['tokens per minute', tokenBoundMs],
    ['requests per minute', requestBoundMs],
    ['concurrency × latency', concurrencyBoundMs],
  ] as const;
  const [binding, bestMs] = bounds.reduce((best, bound) => (bound[1] > best[1] ? bound : best));
  const sequentialMs = Math.max(bestMs, latency(fewestRequests, totalTokens));
  return { tokenBoundMs, requestBoundMs, concurrencyBoundMs, bestMs, binding, sequentialMs };
}
