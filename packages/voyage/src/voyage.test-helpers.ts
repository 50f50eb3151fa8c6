import {
  startVoyageSimulator,
  type VoyageSimulator,
  type VoyageSimulatorOptions,
} from '@embedkit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createVoyage } from './voyage-embedding.js';
import type { VoyageSettings } from './voyage-settings.js';

/** Starts a Voyage simulator for the enclosing suite; read `.current` inside tests. */
export function useVoyageSimulator(options: VoyageSimulatorOptions = {}): {
  current: VoyageSimulator;
} {
  const holder = {} as { current: VoyageSimulator };
  beforeAll(async () => {
    holder.current = await startVoyageSimulator(options);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** Fast retries so fault tests stay short; `Retry-After` is still honoured up to 3 s. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 3000 };

/** A Voyage function pointed at the simulator, with fast retries and the simulator's key. */
export function voyageAt(
  simulator: VoyageSimulator,
  { apiKey, ...settings }: VoyageSettings & { apiKey?: string } = {},
) {
  return createVoyage(
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
