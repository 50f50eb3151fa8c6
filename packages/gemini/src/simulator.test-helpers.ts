import {
  type GeminiSimulator,
  type GeminiSimulatorOptions,
  startGeminiSimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createGemini } from './gemini-embedding.js';
import type { GeminiSettings } from './gemini-settings.js';

/** Starts a Gemini simulator for the enclosing suite; read `.current` inside tests. */
export function useGeminiSimulator(options: GeminiSimulatorOptions = {}): {
  current: GeminiSimulator;
} {
  const holder = {} as { current: GeminiSimulator };
  beforeAll(async () => {
    holder.current = await startGeminiSimulator(options);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** Fast retries so fault tests stay short. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 2000 };

/** A Gemini function pointed at the simulator, with fast retries. */
export function geminiAt(
  simulator: GeminiSimulator,
  { apiKey, ...settings }: GeminiSettings & { apiKey?: string } = {},
) {
  return createGemini(
    { baseURL: simulator.baseURL, retry: fastRetry, ...settings },
    { apiKey: apiKey ?? simulator.apiKey },
  );
}

/** The `requests` of every call the simulator received, oldest first. */
export function sentRequests(simulator: GeminiSimulator): Record<string, unknown>[][] {
  return simulator.log.map(
    (entry) => (entry.body as { requests: Record<string, unknown>[] }).requests,
  );
}
