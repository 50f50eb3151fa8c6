import pRetry from 'p-retry';
import type { ServiceLimits } from '../simulator/service-limits.js';

/**
 * The rule-of-thumb token estimate a user of a library without a tokenizer writes: four
 * characters per token (the figure providers' docs quote for English).
 */
export const roughTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * The largest request a tuned peer sends: at most a tenth of one minute's token budget, and at
 * most 65,536 estimated tokens, so several requests fit in a window and one refusal costs little.
 */
export function tunedBatchTokens(limits: ServiceLimits): number {
  return Math.min(65_536, Math.floor(limits.tokensPerMinute / 10));
}

/**
 * Splits `texts` into consecutive token-sized batches: each at most `tunedBatchTokens(limits)`
 * estimated tokens (a longer text travels alone) and at most `limits.maxInputsPerRequest` texts.
 */
export function tokenSizedBatches(texts: readonly string[], limits: ServiceLimits): string[][] {
  const budget = tunedBatchTokens(limits);
  const batches: string[][] = [];
  let batch: string[] = [];
  let tokens = 0;
  for (const text of texts) {
    const cost = roughTokens(text);
    if (
      batch.length > 0 &&
      (tokens + cost > budget || batch.length >= limits.maxInputsPerRequest)
    ) {
      batches.push(batch);
      batch = [];
      tokens = 0;
    }
    batch.push(text);
    tokens += cost;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Counts the retries `withRetries` made, for the report. */
export interface RetryCounter {
  retries: number;
}

/**
 * `call` under p-retry with its documented defaults (10 retries, exponential backoff factor 2
 * from 1 s, randomised) and no retry of a client error other than 429, the times multiplied by the service's time compression so a backoff
 * costs what it would against the real service.
 */
export function withRetries<Result>(
  call: () => Promise<Result>,
  limits: ServiceLimits,
  counter: RetryCounter,
): Promise<Result> {
  return pRetry(call, {
    retries: 10,
    factor: 2,
    minTimeout: 1000 * limits.timeScale,
    maxTimeout: 60_000 * limits.timeScale,
    randomize: true,
    // A refusal of the request itself (a 4xx other than 429) fails the same way every time.
    shouldRetry: (error) => !/\b(400|401|403|404|413|422)\b/.test(String(error.message)),
    onFailedAttempt: () => {
      counter.retries++;
    },
  });
}

/** Embeds the batches one after another, in order (for libraries without concurrency). */
export async function embedSequentially(
  batches: readonly string[][],
  embed: (batch: string[]) => Promise<ArrayLike<number>[]>,
): Promise<ArrayLike<number>[]> {
  const vectors: ArrayLike<number>[] = [];
  for (const batch of batches) vectors.push(...(await embed(batch)));
  return vectors;
}
