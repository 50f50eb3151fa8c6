import { RateLimitError } from '../errors/rate-limit-error.js';
import { answer, fakeProvider } from './fake-provider.test-helpers.js';
import { sleep } from './sleep.js';

/** Limits as a service enforces them, over a sliding window of `windowMs`. */
export interface ServiceLimits {
  readonly requestsPerMinute: number;
  readonly tokensPerMinute: number;
  readonly windowMs: number;
}

/**
 * A fake provider behind a sliding-window limiter, as a real service is: each call is stamped
 * on arrival and counted with the tokens the service bills (`billedTokens` per input, which
 * differs from the client's estimate as a real tokenizer does); a call that does not fit is
 * refused with a 429 carrying the exact wait. Answers after `latencyMs`, reporting the billed
 * tokens like a real response's usage.
 */
export function rateLimitedProvider(options: {
  limits: ServiceLimits;
  billedTokens: (text: string) => number;
  latencyMs?: number;
}) {
  const { limits } = options;
  const history: { at: number; tokens: number }[] = [];
  const counts = { accepted: 0, refused: 0, billed: 0 };
  const provider = fakeProvider({
    behave: async (call) => {
      const now = Date.now();
      while (history.length > 0 && history[0]!.at <= now - limits.windowMs) history.shift();
      const tokens = call.inputs.reduce((sum, text) => sum + options.billedTokens(text), 0);
      const used = history.reduce((sum, entry) => sum + entry.tokens, 0);
      if (history.length + 1 > limits.requestsPerMinute || used + tokens > limits.tokensPerMinute) {
        counts.refused++;
        throw new RateLimitError({
          provider: 'fake',
          message: 'rate limit exceeded',
          retryAfterMs: Math.max(1, (history[0]?.at ?? now) + limits.windowMs - now),
        });
      }
      history.push({ at: now, tokens });
      counts.accepted++;
      counts.billed += tokens;
      await sleep(options.latencyMs ?? 2, call.signal);
      return answer(call.inputs, 4, tokens);
    },
  });
  return { ...provider, counts };
}
