import { JinaEmbeddings } from '@langchain/community/embeddings/jina';
import type { BenchClient } from './bench-client.js';

/**
 * LangChain.js `JinaEmbeddings`. Its URL is a hard-coded field, so the worker routes Jina's
 * origin to the simulator with a global dispatcher.
 */
export const langchainClient: BenchClient = {
  id: 'langchain',
  async create(context) {
    const embeddings = new JinaEmbeddings({
      apiKey: context.apiKey,
      model: context.model,
      dimensions: context.dimensions,
      batchSize: 2048,
      maxConcurrency: 5,
    });
    return {
      embedDocuments: (texts) => embeddings.embedDocuments(texts),
      embedQuery: (text) => embeddings.embedQuery(text),
    };
  },
};
