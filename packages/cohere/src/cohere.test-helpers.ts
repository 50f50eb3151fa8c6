import {
  type CohereSimulator,
  type CohereSimulatorOptions,
  startCohereSimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createCohere } from './cohere-embedding.js';
import type { CohereSettings } from './cohere-settings.js';

/** Starts a Cohere simulator for the enclosing suite; read `.current` inside tests. */
export function useCohereSimulator(options: CohereSimulatorOptions = {}): {
  current: CohereSimulator;
} {
  const holder = {} as { current: CohereSimulator };
  beforeAll(async () => {
    holder.current = await startCohereSimulator(options);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** Fast retries so fault tests stay short; `Retry-After` is still honoured up to 3 s. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 3000 };

/** A Cohere function pointed at the simulator, with fast retries and the simulator's key. */
export function cohereAt(
  simulator: CohereSimulator,
  { apiKey, ...settings }: CohereSettings & { apiKey?: string } = {},
) {
  return createCohere(
    { baseURL: simulator.baseURL, retry: fastRetry, ...settings },
    { apiKey: apiKey ?? simulator.apiKey },
  );
}

/** `count` distinct short texts. */
export function texts(count: number, prefix = 'text'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} number ${index}`);
}

/** The error a promise rejects with. */
export const catchError = (promise: Promise<unknown>) => promise.catch((caught: unknown) => caught);
