import type { RetryPolicy } from '@embedkit/core';
import type { RecordedRequest } from '@embedkit/testing';
import { createOpenAI } from './openai-embedding.js';
import type { OpenAIRuntimeOptions, OpenAISettings } from './openai-settings.js';

/** Short backoff so retry tests stay fast; `Retry-After` is still honoured up to 2 s. */
export const fastRetry: Partial<RetryPolicy> = {
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxRetryAfterMs: 2_000,
};

/** The JSON bodies the simulator received, in order. */
export function sentBodies(log: readonly RecordedRequest[]): Record<string, unknown>[] {
  return log.map((entry) => entry.body as Record<string, unknown>);
}

/** `count` distinct short texts. */
export function texts(count: number, prefix = 'text'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} number ${index}`);
}

/** `createOpenAI` with a literal key (and other runtime options) in one object, as tests write it. */
export function openaiWith({
  apiKey,
  dispatcher,
  estimateTokens,
  ...settings
}: OpenAISettings & OpenAIRuntimeOptions) {
  return createOpenAI(settings, { apiKey, dispatcher, estimateTokens });
}
