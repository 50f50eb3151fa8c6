import { embed, embedMany } from 'ai';
import { createJina } from 'jina-ai-provider';
import type { BenchClient } from './bench-client.js';
import {
  embedSequentially,
  type RetryCounter,
  tokenSizedBatches,
  withRetries,
} from './tuned-calls.js';

/**
 * Vercel AI SDK `embedMany` with `jina-ai-provider`, tuned as its docs allow: one `embedMany`
 * per token-sized batch, `maxParallelCalls` at the cap (the provider declares
 * `supportsParallelCalls: false`, so the SDK still sends one call at a time), the SDK's own
 * retries off and p-retry around each call.
 */
export const vercelAiTunedClient: BenchClient = {
  id: 'vercel-ai-tuned',
  async create(context) {
    const limits = context.limits;
    if (limits === undefined)
      throw new Error('The tuned rows run only against a rate-limited service.');
    (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
    const jina = createJina({ apiKey: context.apiKey, baseURL: `${context.simulatorUrl}/v1` });
    const model = jina.textEmbeddingModel(context.model);
    const counter: RetryCounter = { retries: 0 };
    const options = (inputType: string) => ({
      jina: { inputType, outputDimension: context.dimensions },
    });
    return {
      embedDocuments: (texts) =>
        embedSequentially(tokenSizedBatches(texts, limits), (batch) =>
          withRetries(
            async () =>
              (
                await embedMany({
                  model,
                  values: batch,
                  maxParallelCalls: limits.concurrentRequests,
                  maxRetries: 0,
                  providerOptions: options('retrieval.passage'),
                })
              ).embeddings,
            limits,
            counter,
          ),
        ),
      embedQuery: async (text) =>
        (await embed({ model, value: text, providerOptions: options('retrieval.query') }))
          .embedding,
      retries: () => counter.retries,
    };
  },
};
