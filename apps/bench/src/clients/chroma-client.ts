import { JinaEmbeddingFunction } from '@chroma-core/jina';
import { type BenchClient, chunked } from './bench-client.js';

/**
 * Chroma's `@chroma-core/jina`. `generate` sends all its texts in one request and the URL is
 * hard-coded, so the caller chunks by the API's 2,048-input maximum and the worker routes
 * Jina's origin to the simulator.
 */
export const chromaClient: BenchClient = {
  id: 'chroma',
  async create(context) {
    const embedding = new JinaEmbeddingFunction({
      apiKey: context.apiKey,
      modelName: context.model,
      task: 'retrieval.passage',
      dimensions: context.dimensions,
    });
    const query = new JinaEmbeddingFunction({
      apiKey: context.apiKey,
      modelName: context.model,
      task: 'retrieval.query',
      dimensions: context.dimensions,
    });
    return {
      async embedDocuments(texts) {
        const vectors: number[][] = [];
        for (const chunk of chunked(texts, 2048))
          vectors.push(...(await embedding.generate(chunk)));
        return vectors;
      },
      embedQuery: async (text) => (await query.generate([text]))[0]!,
    };
  },
};
