import { JinaEmbeddings } from '@langchain/community/embeddings/jina';
import type { BenchClient } from './bench-client.js';
import { type RetryCounter, tokenSizedBatches, withRetries } from './tuned-calls.js';

/**
 * LangChain.js `JinaEmbeddings`, tuned as its docs allow: token-sized batches (each its own
 * `embedDocuments` call, all issued at once), `maxConcurrency` at the service's concurrent-request
 * cap (its AsyncCaller queues the rest), its own retries off and p-retry around each call.
 */
export const langchainTunedClient: BenchClient = {
  id: 'langchain-tuned',
  async create(context) {
    const limits = context.limits;
    if (limits === undefined)
      throw new Error('The tuned rows run only against a rate-limited service.');
    const embeddings = new JinaEmbeddings({
      apiKey: context.apiKey,
      model: context.model,
      dimensions: context.dimensions,
      batchSize: limits.maxInputsPerRequest,
      maxConcurrency: limits.concurrentRequests,
      maxRetries: 0,
    });
    const counter: RetryCounter = { retries: 0 };
    return {
      async embedDocuments(texts) {
        const batches = tokenSizedBatches(texts, limits);
        const results = await Promise.all(
          batches.map((batch) =>
            withRetries(() => embeddings.embedDocuments(batch), limits, counter),
          ),
        );
        return results.flat();
      },
      embedQuery: (text) => embeddings.embedQuery(text),
      retries: () => counter.retries,
    };
  },
};
