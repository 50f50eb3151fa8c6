import { fromLangChain } from '@embedkit/langchain';
import { JinaEmbeddings } from '@langchain/community/embeddings/jina';
import { ingestService } from '../simulator/ingest-service-config.js';
import type { BenchClient } from './bench-client.js';
import { embedkitRateLimit } from './embedkit-rate-limit.js';

/**
 * The LangChain peer's own `JinaEmbeddings` (as `langchain-client.ts` builds it, but with
 * `maxRetries: 0`, which `fromLangChain` requires) run through `fromLangChain`, so core's runner
 * plans, paces and retries its calls. The settings are what a user moving off `embedDocuments`
 * would write: the service's published limits and its concurrent-request cap.
 */
export const langchainBridgeClient: BenchClient = {
  id: 'langchain-bridge',
  async create(context) {
    const limits = context.limits ?? ingestService;
    const embeddings = new JinaEmbeddings({
      apiKey: context.apiKey,
      model: context.model,
      dimensions: context.dimensions,
      batchSize: 2048,
      maxRetries: 0,
    });
    const embedding = fromLangChain(embeddings, {
      dimensions: context.dimensions,
      concurrency: limits.concurrentRequests,
      maxTokensPerCall: 131_072,
      ...(context.rateLimited
        ? {
            rateLimit: embedkitRateLimit(limits),
          }
        : {}),
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
