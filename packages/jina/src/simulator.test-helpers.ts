import {
  type JinaSimulator,
  type JinaSimulatorOptions,
  startJinaSimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createJina } from './jina-embedding.js';
import type { JinaSettings } from './jina-settings.js';

/** Starts a Jina simulator for the enclosing suite; read `.current` inside tests. */
export function useJinaSimulator(options: JinaSimulatorOptions = {}): { current: JinaSimulator } {
  const holder = {} as { current: JinaSimulator };
  beforeAll(async () => {
    holder.current = await startJinaSimulator(options);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** Fast retries so fault tests stay short. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 1500 };

/** A Jina function pointed at the simulator, with fast retries. */
export function jinaAt(
  simulator: JinaSimulator,
  { apiKey, ...settings }: JinaSettings & { apiKey?: string } = {},
) {
  return createJina(
    { baseURL: simulator.baseURL, retry: fastRetry, ...settings },
    { apiKey: apiKey ?? simulator.apiKey },
  );
}
