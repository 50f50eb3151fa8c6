import type { BatchLimits } from './batch-limits.js';
import type { RateBudget } from './rate-budget.js';

/**
 * With a rate budget, a call takes at most its fair share of one window's tokens
 * (`tokensPerWindow / concurrency`), so a window's budget is spread over every slot of the pool
 * instead of a few huge calls: where latency grows with tokens (a paid tier that allows many
 * calls in flight) that is what reaches the limit, and the last window's tail is short. Applied
 * only while the share stays at least four times `tokensPerWindow / requestsPerWindow`, so the
 * extra calls can never make requests per minute the binding limit; on Jina's free tier (1M
 * tokens, 5 in flight) the share is above the 131,072-token call cap and nothing changes.
 */
export function withFairShare(
  limits: BatchLimits,
  budget: RateBudget | undefined,
  concurrency: number,
): BatchLimits {
  if (budget === undefined || !Number.isFinite(budget.tokensPerWindow)) return limits;
  const share = Math.floor(budget.tokensPerWindow / concurrency);
  const perRequestNeed = budget.tokensPerWindow / budget.requestsPerWindow;
  if (
    share < 4 * perRequestNeed ||
    share >= (limits.maxTokensPerCall ?? Number.POSITIVE_INFINITY)
  ) {
    return limits;
  }
  return { ...limits, maxTokensPerCall: Math.max(1, share) };
}
