import { JinaAIEmbedding } from '@llamaindex/jinaai';
import type { BenchClient } from './bench-client.js';
import {
  embedSequentially,
  type RetryCounter,
  tokenSizedBatches,
  withRetries,
} from './tuned-calls.js';

/**
 * LlamaIndex.TS `@llamaindex/jinaai`, tuned as far as it allows: one `getTextEmbeddingsBatch`
 * per token-sized batch (`embedBatchSize` at the request cap; it has no concurrency option and
 * sends its batches one after another), each under p-retry.
 */
export const llamaindexTunedClient: BenchClient = {
  id: 'llamaindex-tuned',
  async create(context) {
    const limits = context.limits;
    if (limits === undefined)
      throw new Error('The tuned rows run only against a rate-limited service.');
    const settings = {
      apiKey: context.apiKey,
      baseURL: `${context.simulatorUrl}/v1/embeddings`,
      model: context.model,
      dimensions: context.dimensions,
      embedBatchSize: limits.maxInputsPerRequest,
    };
    const documents = new JinaAIEmbedding({ ...settings, task: 'retrieval.passage' });
    const queries = new JinaAIEmbedding({ ...settings, task: 'retrieval.query' });
    const counter: RetryCounter = { retries: 0 };
    return {
      embedDocuments: (texts) =>
        embedSequentially(tokenSizedBatches(texts, limits), (batch) =>
          withRetries(() => documents.getTextEmbeddingsBatch(batch), limits, counter),
        ),
      embedQuery: (text) => queries.getTextEmbedding(text),
      retries: () => counter.retries,
    };
  },
};
