import { z } from 'zod';

const perWindow = (example: string) =>
  z
    .number({ error: `expected a whole number, e.g. ${example}` })
    .int(`expected a whole number, e.g. ${example}`)
    .positive(`expected a number above 0, e.g. ${example}`);

/**
 * A provider's published rate limits, for pacing calls on the client (a `rateLimit` setting).
 *
 * Without it the batch runner learns the budget only from 429s: it bursts a window's worth of
 * tokens, is refused, backs off and comes back late, so a long ingest runs well below the limit
 * it pays for. With it, each call waits until the last window's requests and tokens leave room
 * for it, so the service never has to refuse one. The numbers are the account's own (they differ
 * by tier); setting them above the real limits just brings the 429s back, which are still
 * retried. Providers count limits per API key, so one embedding function shares one budget
 * across all its concurrent calls; functions built separately do not share.
 */
export const rateLimitSettings = z
  .object({
    /** Requests the service accepts per window (Jina's free tier: 500 per minute). */
    requestsPerMinute: perWindow('500').optional(),
    /** Tokens the service accepts per window (Jina's free tier: 1,000,000 per minute). */
    tokensPerMinute: perWindow('1000000').optional(),
    /**
     * Length of the service's "minute" in milliseconds. Default 60,000; set it for a service
     * that counts over another window (or a test simulator with short windows).
     */
    windowMs: perWindow('60000').optional(),
    /**
     * How long after `windowMs` a call still counts, because the service stamps a request when
     * it arrives, a little after the client sent it. Default 1% of the window, at least 250 ms
     * (600 ms for a minute). Lower it for a service on a fast local link or a simulator whose
     * window is compressed (its delays are compressed too); raise it if paced runs still meet 429s.
     */
    marginMs: z.number().min(0).max(3_600_000).optional(),
  })
  .strict()
  .refine((limit) => limit.requestsPerMinute !== undefined || limit.tokensPerMinute !== undefined, {
    message: 'set requestsPerMinute, tokensPerMinute or both; an empty rateLimit limits nothing',
  });

/** Published rate limits to pace calls against (see `rateLimitSettings`). */
export type RateLimit = z.input<typeof rateLimitSettings>;
