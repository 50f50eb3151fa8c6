import type { RetryPolicy } from '@embedkit/core';
import { type OpenAISimulatorOptions, startOpenAISimulator } from '@embedkit/testing';
import { OpenAIEmbeddings } from '@langchain/openai';

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

/** The OpenAI simulator and a LangChain `OpenAIEmbeddings` pointed at it, as an app writes it. */
export async function openAIEmbeddingsSetup(
  options: OpenAISimulatorOptions & {
    clientKey?: string;
    maxRetries?: number;
    batchSize?: number;
  } = {},
) {
  const simulator = await startOpenAISimulator(options);
  const embeddings = new OpenAIEmbeddings({
    model: 'text-embedding-3-small',
    apiKey: options.clientKey ?? simulator.apiKey,
    configuration: { baseURL: simulator.baseURL },
    maxRetries: options.maxRetries ?? 0,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  return { simulator, embeddings };
}
