import type { BedrockSimulator, RecordedRequest } from '@embedkit/testing';
import { createBedrock } from './bedrock-embedding.js';
import type { BedrockRuntimeOptions, BedrockSettings } from './bedrock-settings.js';

/** Short backoff so retry tests stay fast; `Retry-After` is still honoured up to 3 s. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 3_000 };

/** A Bedrock function pointed at the simulator, with its credentials passed in code. */
export function bedrockAt(
  simulator: BedrockSimulator,
  settings: BedrockSettings = {},
  runtime: BedrockRuntimeOptions = {},
) {
  return createBedrock(
    { endpoint: simulator.endpoint, region: simulator.region, retry: fastRetry, ...settings },
    { credentials: simulator.credentials, ...runtime },
  );
}

/** The InvokeModel bodies the simulator received, in order. */
export function invokeBodies(log: readonly RecordedRequest[]): Record<string, unknown>[] {
  return log.map((entry) => entry.body as Record<string, unknown>);
}

/** `count` distinct short texts. */
export function texts(count: number, prefix = 'passage'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} number ${index} about vectors`);
}
