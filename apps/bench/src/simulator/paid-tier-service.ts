import type { ServiceProfile } from './ingest-service-config.js';

/**
 * Jina's paid tier 2 (5,000 requests and 100,000,000 tokens per minute, 500 concurrent), scaled
 * to fit 2 cores while keeping what makes it different from the free tier: the limit can only be
 * reached with many requests in flight.
 *
 * - **Every limit at 1/10**: 500 requests and 10,000,000 (real) tokens per minute, 50 concurrent.
 *   At 1/100 only 5 slots would be left, the free tier's.
 * - **One simulated token stands for 100 real ones**: documents are 5–80 simulated tokens
 *   (500–8,000 real), the budget is 100,000 simulated tokens a minute, and the per-token latency
 *   is 100× the free tier's (0.06 ms per real token = 6 ms per simulated one). One machine can
 *   then produce, send and check the tokens, while latency × throughput — how many requests must
 *   be in flight — stays what it is on the real tier.
 * - **Latency** 300 ms + 6 ms per simulated token, times a log-normal factor with σ 0.5 (mean
 *   kept; median 0.88×, p99 2.8×): jitter and a tail, as model servers show.
 * - **Time compressed 12×**, like the free-tier scenario (a minute lasts 5 s).
 *
 * A client with one request in flight needs about ten times the theoretical best here.
 */
export const paidTierService: ServiceProfile = {
  requestsPerMinute: 500,
  tokensPerMinute: 100_000,
  concurrentRequests: 50,
  minuteMs: 5_000,
  fixedLatencyMs: 300,
  perTokenLatencyMs: 6,
  latencySigma: 0.5,
  timeScale: 1 / 12,
  maxInputsPerRequest: 2048,
  maxTokensPerInput: 8192,
};

/** The paid-tier corpus' document lengths, in simulated tokens (500–8,000 real). */
export const paidTierDocumentTokens = { minTokens: 5, maxTokens: 80 } as const;
