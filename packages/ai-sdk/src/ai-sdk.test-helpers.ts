import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { RetryPolicy } from '@embedkit/core';
import { type OpenAISimulatorOptions, startOpenAISimulator } from '@embedkit/testing';

/** Short backoff so retry tests stay fast; `Retry-After` is still honoured up to 2 s. */
export const fastRetry: Partial<RetryPolicy> = {
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxRetryAfterMs: 2_000,
};

/** `count` distinct short texts. */
export function texts(count: number, prefix = 'text'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} number ${index}`);
}

/**
 * The OpenAI simulator with an AI SDK model pointed at it (`@ai-sdk/openai-compatible`, the AI
 * SDK's own client for OpenAI-shaped APIs), as an app would configure it.
 */
export async function openAICompatibleSetup(
  options: OpenAISimulatorOptions & { apiKey?: string; clientKey?: string } = {},
) {
  const simulator = await startOpenAISimulator(options);
  const provider = createOpenAICompatible({
    name: 'simulated-openai',
    baseURL: simulator.baseURL,
    apiKey: options.clientKey ?? simulator.apiKey,
  });
  const model = provider.embeddingModel('text-embedding-3-small');
  return { simulator, model, provider };
}
