import type { SimulatorReply } from '../simulators/http-simulator.js';
import {
  type RateLimiterOptions,
  type RateLimitRejection,
  retryAfterHeaders,
} from '../simulators/rate-limiter.js';
import { azureErrorReply, openaiErrorReply } from './openai-error-body.js';

/** Which wait headers a 429 carries besides `x-ratelimit-*`. */
export type RetryAfterStyle = 'seconds' | 'milliseconds' | 'both' | 'none';

/** OpenAI's reset durations: `20ms`, `1.5s`, `6m0s`. */
export function formatResetDuration(milliseconds: number): string {
  const rounded = Math.max(1, Math.ceil(milliseconds));
  if (rounded < 1000) return `${rounded}ms`;
  if (rounded < 60_000) return `${Number((rounded / 1000).toFixed(3))}s`;
  const minutes = Math.floor(rounded / 60_000);
  return `${minutes}m${Number(((rounded % 60_000) / 1000).toFixed(3))}s`;
}

/**
 * The documented `x-ratelimit-*` headers for a rejection: both limits, the exhausted budget's
 * remaining at 0 and its reset time, so a client without `retry-after` still knows how long to wait.
 */
export function rateLimitHeaders(
  rejection: RateLimitRejection,
  limits: RateLimiterOptions,
  style: RetryAfterStyle,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (limits.requestsPerWindow !== undefined)
    headers['x-ratelimit-limit-requests'] = String(limits.requestsPerWindow);
  if (limits.tokensPerWindow !== undefined)
    headers['x-ratelimit-limit-tokens'] = String(limits.tokensPerWindow);
  const budget = rejection.limit === 'tokens' ? 'tokens' : 'requests';
  headers[`x-ratelimit-remaining-${budget}`] = '0';
  headers[`x-ratelimit-reset-${budget}`] = formatResetDuration(rejection.retryAfterMs);
  if (style === 'seconds' || style === 'both')
    Object.assign(headers, retryAfterHeaders(rejection, 'seconds'));
  if (style === 'milliseconds' || style === 'both')
    Object.assign(headers, retryAfterHeaders(rejection, 'milliseconds'));
  return headers;
}

/** The 429 answer, in OpenAI's words or Azure's. */
export function rateLimitReply(options: {
  rejection: RateLimitRejection;
  limits: RateLimiterOptions;
  style: RetryAfterStyle;
  model: string;
  azureApiVersion?: string;
}): SimulatorReply {
  const { rejection, limits, model } = options;
  const headers = rateLimitHeaders(rejection, limits, options.style);
  const wait = formatResetDuration(rejection.retryAfterMs);
  if (options.azureApiVersion !== undefined) {
    return azureErrorReply(
      429,
      `Requests to the Embeddings_Create Operation under Azure OpenAI API version ${options.azureApiVersion} have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after ${Math.max(1, Math.ceil(rejection.retryAfterMs / 1000))} second.`,
      headers,
    );
  }
  const what =
    rejection.limit === 'tokens'
      ? `tokens per min (TPM): Limit ${limits.tokensPerWindow}`
      : rejection.limit === 'requests'
        ? `requests per min (RPM): Limit ${limits.requestsPerWindow}`
        : `concurrent requests: Limit ${limits.concurrentRequests}`;
  return openaiErrorReply(
    429,
    {
      message: `Rate limit reached for ${model} in organization org-simulator on ${what}. Please try again in ${wait}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      type: rejection.limit === 'tokens' ? 'tokens' : 'requests',
      code: 'rate_limit_exceeded',
    },
    headers,
  );
}
