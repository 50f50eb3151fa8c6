import { JinaAIEmbedding } from '@llamaindex/jinaai';
import type { BenchClient } from './bench-client.js';

/**
 * LlamaIndex.TS `@llamaindex/jinaai`. It takes a `baseURL`; `getTextEmbeddingsBatch` sends
 * batches of `embedBatchSize` one after another.
 */
export const llamaindexClient: BenchClient = {
  id: 'llamaindex',
  async create(context) {
    const settings = {
      apiKey: context.apiKey,
      baseURL: `${context.simulatorUrl}/v1/embeddings`,
      model: context.model,
      dimensions: context.dimensions,
      embedBatchSize: 2048,
    };
    const documents = new JinaAIEmbedding({ ...settings, task: 'retrieval.passage' });
    const queries = new JinaAIEmbedding({ ...settings, task: 'retrieval.query' });
    return {
      embedDocuments: (texts) => documents.getTextEmbeddingsBatch(texts),
      embedQuery: (text) => queries.getTextEmbedding(text),
    };
  },
};
