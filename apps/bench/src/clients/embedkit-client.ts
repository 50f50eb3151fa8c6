import { createJina } from '@embedkit/jina';
import { ingestService } from '../simulator/ingest-service-config.js';
import type { BenchClient, BenchClientContext, BenchEmbedder } from './bench-client.js';
import { embedkitRateLimit } from './embedkit-rate-limit.js';

/**
 * embedkit with a given wire format, set up as a user would from the service's published
 * limits: `concurrency` at the concurrent-request cap and, unless `paced` is false, `rateLimit`
 * at the per-minute limits (copied from the pricing page); everything else is `createJina`'s
 * defaults. The unpaced variant shows what the runner does on its 429 handling alone.
 */
function embedkitClient(
  id: string,
  embeddingType: 'base64' | 'float',
  paced: boolean,
): BenchClient {
  return {
    id,
    async create(context: BenchClientContext): Promise<BenchEmbedder> {
      const limits = context.limits ?? ingestService;
      const jina = createJina(
        {
          baseURL: `${context.simulatorUrl}/v1`,
          model: context.model,
          dimensions: context.dimensions,
          embeddingType,
          ...(context.attemptTimeoutMs === undefined
            ? {}
            : { timeoutMs: context.attemptTimeoutMs }),
          ...(context.rateLimited
            ? {
                concurrency: limits.concurrentRequests,
                // The service's published request cap, where it is below the model's 2,048.
                ...(limits.maxInputsPerRequest < 2048
                  ? { maxInputsPerCall: limits.maxInputsPerRequest }
                  : {}),
                ...(paced
                  ? {
                      rateLimit: embedkitRateLimit(limits),
                    }
                  : {}),
              }
            : {}),
        },
        { apiKey: context.apiKey },
      );
      let retries = 0;
      return {
        embedDocuments: (texts) =>
          jina.encodeDocuments(texts, {
            onProgress: (progress) => {
              retries = progress.retries;
            },
          }),
        embedQuery: async (text) => (await jina.encodeQueries([text]))[0]!,
        retries: () => retries,
      };
    },
  };
}

export const embedkitBase64Client = embedkitClient('embedkit', 'base64', true);
export const embedkitFloatClient = embedkitClient('embedkit-float', 'float', true);
export const embedkitUnpacedClient = embedkitClient('embedkit-no-rate-limit', 'base64', false);
