import {
  type MistralSimulator,
  type MistralSimulatorOptions,
  startMistralSimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createMistral } from './mistral-embedding.js';
import type { MistralSettings } from './mistral-settings.js';

/** Starts a Mistral simulator for the enclosing suite; read `.current` inside tests. */
export function useMistralSimulator(options: MistralSimulatorOptions = {}): {
  current: MistralSimulator;
} {
  const holder = {} as { current: MistralSimulator };
  beforeAll(async () => {
    holder.current = await startMistralSimulator(options);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** Fast retries so fault tests stay short. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 3000 };

/** A Mistral function pointed at the simulator, with fast retries. */
export function mistralAt(
  simulator: MistralSimulator,
  { apiKey, ...settings }: MistralSettings & { apiKey?: string } = {},
) {
  return createMistral(
    { baseURL: simulator.baseURL, retry: fastRetry, ...settings },
    { apiKey: apiKey ?? simulator.apiKey },
  );
}

/** Bodies of the requests the simulator received, oldest first. */
export function sentBodies(simulator: MistralSimulator): Record<string, unknown>[] {
  return simulator.log.map((entry) => entry.body as Record<string, unknown>);
}
