import type { FaultInjector, FaultKind } from '../simulators/fault-injector.js';
import type { SimulatorReply, SimulatorRequest } from '../simulators/http-simulator.js';
import type { LatencyModel } from '../simulators/latency-model.js';
import { type RateLimiter, retryAfterHeaders } from '../simulators/rate-limiter.js';
import { jinaError } from './jina-error-replies.js';

/** The shared parts of the simulated service that every route goes through. */
export interface JinaServiceState {
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly latency: LatencyModel;
  readonly retryAfter: 'seconds' | 'none';
}

const rateLimitCodes = {
  requests: 'RATE_REQUEST_LIMIT_EXCEEDED',
  tokens: 'RATE_TOKEN_LIMIT_EXCEEDED',
  concurrency: 'RATE_CONCURRENCY_LIMIT_EXCEEDED',
} as const;

/** An admitted request: its fault (if any) and a `finish` that frees its concurrency slot. */
export interface Admission {
  readonly fault: FaultKind | undefined;
  finish(reply: SimulatorReply): SimulatorReply;
}

/**
 * Admits a validated request of `tokens` tokens: rate limits first (429 with Jina's codes),
 * then injected 5xx / 429 faults, then the latency model. Returns a reply to send at once, or an
 * admission whose `finish` must wrap the final reply (a stalled reply keeps its slot until the
 * client leaves, as a hung server would).
 */
export async function admitJinaRequest(
  state: JinaServiceState,
  request: SimulatorRequest,
  tokens: number,
): Promise<{ reply: SimulatorReply } | { admission: Admission }> {
  const acquired = state.limiter.acquire(tokens);
  if ('rejection' in acquired) {
    const { rejection } = acquired;
    return {
      reply: jinaError(
        429,
        rateLimitCodes[rejection.limit],
        `Rate limit exceeded: too many ${rejection.limit === 'concurrency' ? 'concurrent requests' : rejection.limit} for this API key. Retry later.`,
        retryAfterHeaders(rejection, state.retryAfter),
      ),
    };
  }
  const { permit } = acquired;
  const fault = state.faults.next();
  if (fault === 'serverError') {
    permit.release();
    return {
      reply: jinaError(
        503,
        'SERVICE_UNAVAILABLE',
        'The service is temporarily unavailable. Retry with backoff.',
      ),
    };
  }
  if (fault === 'rateLimit') {
    permit.release();
    return {
      reply: jinaError(
        429,
        'RATE_REQUEST_LIMIT_EXCEEDED',
        'Rate limit exceeded for this API key. Retry later.',
        retryAfterHeaders({ limit: 'requests', retryAfterMs: 1000 }, state.retryAfter),
      ),
    };
  }
  await state.latency.wait(tokens, request.signal);
  return {
    admission: {
      fault,
      finish(reply) {
        if (reply.kind === 'json') reply = withRemainingHeaders(reply, state.limiter);
        if (reply.kind === 'stall') {
          if (request.signal.aborted) permit.release();
          else request.signal.addEventListener('abort', () => permit.release(), { once: true });
        } else {
          permit.release();
        }
        return reply;
      },
    },
  };
}

/** Adds Jina's documented `X-RateLimit-Remaining-Requests` / `-Tokens` headers for set limits. */
function withRemainingHeaders(
  reply: SimulatorReply & { kind: 'json' },
  limiter: RateLimiter,
): SimulatorReply {
  const { requests, tokens } = limiter.remaining();
  const headers: Record<string, string> = { ...reply.headers };
  if (requests !== undefined) headers['x-ratelimit-remaining-requests'] = String(requests);
  if (tokens !== undefined) headers['x-ratelimit-remaining-tokens'] = String(tokens);
  return { ...reply, headers };
}
