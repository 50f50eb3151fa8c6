import type { ServiceProfile } from './ingest-service-config.js';

/**
 * A service where requests per minute bind, not tokens: the free tier's 500 requests and
 * 1,000,000 tokens a minute and 5 concurrent, but at most 32 inputs per request (as providers
 * with small request caps have: Cohere 96, Gemini 100) and short documents (5–40 tokens, titles
 * and chat turns). A corpus of 12,000 such documents is a fifth of one minute's tokens but 375
 * requests at least; scaled down with the corpus, 80 requests a minute makes the run several
 * minutes of requests. Latency and time compression as the free tier's.
 */
export const shortDocumentsService: ServiceProfile = {
  requestsPerMinute: 80,
  tokensPerMinute: 1_000_000,
  concurrentRequests: 5,
  minuteMs: 5_000,
  fixedLatencyMs: 300,
  perTokenLatencyMs: 0.06,
  latencySigma: 0,
  timeScale: 1 / 12,
  maxInputsPerRequest: 32,
  maxTokensPerInput: 8192,
};

/** The short documents' lengths, in tokens. */
export const shortDocumentTokens = { minTokens: 5, maxTokens: 40 } as const;
