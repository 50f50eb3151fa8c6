import { embed, embedMany } from 'ai';
import { createJina } from 'jina-ai-provider';
import type { BenchClient } from './bench-client.js';

/**
 * Vercel AI SDK `embedMany` (ai 6, the newest major that runs on Node 20) with the community
 * `jina-ai-provider`. The provider takes a `baseURL`, so no routing is needed.
 */
export const vercelAiClient: BenchClient = {
  id: 'vercel-ai',
  async create(context) {
    // The SDK prints a warning per call for the v2 provider spec; keep the report clean.
    (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
    const jina = createJina({ apiKey: context.apiKey, baseURL: `${context.simulatorUrl}/v1` });
    const model = jina.textEmbeddingModel(context.model);
    return {
      async embedDocuments(texts) {
        const { embeddings } = await embedMany({
          model,
          values: texts,
          maxParallelCalls: 5,
          maxRetries: 6,
          providerOptions: {
            jina: { inputType: 'retrieval.passage', outputDimension: context.dimensions },
          },
        });
        return embeddings;
      },
      async embedQuery(text) {
        const { embedding } = await embed({
          model,
          value: text,
          maxRetries: 6,
          providerOptions: {
            jina: { inputType: 'retrieval.query', outputDimension: context.dimensions },
          },
        });
        return embedding;
      },
    };
  },
};
