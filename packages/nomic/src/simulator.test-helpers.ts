import {
  type NomicSimulator,
  type NomicSimulatorOptions,
  startNomicSimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createNomic } from './nomic-embedding.js';
import type { NomicSettings } from './nomic-settings.js';

/** Starts a Nomic simulator for the enclosing suite; read `.current` inside tests. */
export function useNomicSimulator(options: NomicSimulatorOptions = {}): {
  current: NomicSimulator;
} {
  const holder = {} as { current: NomicSimulator };
  beforeAll(async () => {
    holder.current = await startNomicSimulator(options);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** Fast retries so fault tests stay short. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 3000 };

/** A Nomic function pointed at the simulator, with fast retries. */
export function nomicAt(
  simulator: NomicSimulator,
  { apiKey, ...settings }: NomicSettings & { apiKey?: string } = {},
) {
  return createNomic(
    { baseURL: simulator.baseURL, retry: fastRetry, ...settings },
    { apiKey: apiKey ?? simulator.apiKey },
  );
}

/** Bodies of the requests the simulator received, oldest first. */
export function sentBodies(simulator: NomicSimulator): Record<string, unknown>[] {
  return simulator.log.map((entry) => entry.body as Record<string, unknown>);
}
