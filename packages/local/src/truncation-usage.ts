import { AsyncLocalStorage } from 'node:async_hooks';
import type { EmbedResult, EmbedUsage } from '@embedkit/core';

/** Usage of a local embedding call: core's counters plus what was cut to fit the model. */
export interface LocalEmbedUsage extends EmbedUsage {
  /** Inputs longer than the model's maximum length, embedded from their first tokens only. */
  truncated: number;
  /** Tokens dropped by truncation, over all inputs. */
  truncatedTokens: number;
}

export interface LocalEmbedResult extends EmbedResult {
  usage: LocalEmbedUsage;
}

interface TruncationCounter {
  truncated: number;
  truncatedTokens: number;
}

/**
 * Carries a per-call truncation counter from `embedWithUsage` down to the batches the runner
 * plans for it, so concurrent calls on one function each see only their own inputs.
 */
const storage = new AsyncLocalStorage<TruncationCounter>();

export function recordTruncation(fullLength: number, keptLength: number): void {
  const counter = storage.getStore();
  if (!counter || fullLength <= keptLength) return;
  counter.truncated++;
  counter.truncatedTokens += fullLength - keptLength;
}

export async function withTruncationUsage(
  call: () => Promise<EmbedResult>,
): Promise<LocalEmbedResult> {
  const counter: TruncationCounter = { truncated: 0, truncatedTokens: 0 };
  const result = await storage.run(counter, call);
  return { ...result, usage: { ...result.usage, ...counter } };
}
