import { JinaEmbeddingFunction } from '@chroma-core/jina';
import type { BenchClient } from './bench-client.js';
import {
  embedSequentially,
  type RetryCounter,
  tokenSizedBatches,
  withRetries,
} from './tuned-calls.js';

/**
 * Chroma's `@chroma-core/jina`, tuned as far as it allows: `generate` per token-sized batch
 * (the function has no batching, concurrency or retry options of its own), one at a time, each
 * under p-retry. Routed to the simulator like the as-shipped row.
 */
export const chromaTunedClient: BenchClient = {
  id: 'chroma-tuned',
  async create(context) {
    const limits = context.limits;
    if (limits === undefined)
      throw new Error('The tuned rows run only against a rate-limited service.');
    const settings = {
      apiKey: context.apiKey,
      modelName: context.model,
      dimensions: context.dimensions,
    };
    const documents = new JinaEmbeddingFunction({ ...settings, task: 'retrieval.passage' });
    const queries = new JinaEmbeddingFunction({ ...settings, task: 'retrieval.query' });
    const counter: RetryCounter = { retries: 0 };
    return {
      embedDocuments: (texts) =>
        embedSequentially(tokenSizedBatches(texts, limits), (batch) =>
          withRetries(() => documents.generate(batch), limits, counter),
        ),
      embedQuery: async (text) => (await queries.generate([text]))[0]!,
      retries: () => counter.retries,
    };
  },
};
