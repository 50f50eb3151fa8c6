import { fromAiSdk } from '@embedkit/ai-sdk';
import { createJina } from 'jina-ai-provider';
import { ingestService } from '../simulator/ingest-service-config.js';
import type { BenchClient } from './bench-client.js';
import { embedkitRateLimit } from './embedkit-rate-limit.js';

/**
 * The AI SDK peer's own model (`jina-ai-provider`, as `vercel-ai-client.ts` builds it) run
 * through `fromAiSdk`, so core's runner plans, paces and retries its calls instead of `embedMany`.
 * The settings are what a user moving off `embedMany` would write: the service's published
 * limits, its concurrent-request cap, the task per side.
 */
export const aiSdkBridgeClient: BenchClient = {
  id: 'ai-sdk-bridge',
  async create(context) {
    const limits = context.limits ?? ingestService;
    (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
    const jina = createJina({ apiKey: context.apiKey, baseURL: `${context.simulatorUrl}/v1` });
    const jinaOptions = (inputType: string) => ({
      jina: { inputType, outputDimension: context.dimensions },
    });
    const embedding = fromAiSdk(jina.textEmbeddingModel(context.model), {
      dimensions: context.dimensions,
      concurrency: limits.concurrentRequests,
      maxTokensPerCall: 131_072,
      ...(context.rateLimited
        ? {
            rateLimit: embedkitRateLimit(limits),
          }
        : {}),
      providerOptions: {
        document: jinaOptions('retrieval.passage'),
        query: jinaOptions('retrieval.query'),
      },
    });
    let retries = 0;
    return {
      embedDocuments: (texts) =>
        embedding.encodeDocuments(texts, {
          onProgress: (progress) => {
            retries = progress.retries;
          },
        }),
      embedQuery: async (text) => (await embedding.encodeQueries([text]))[0]!,
      retries: () => retries,
    };
  },
};
