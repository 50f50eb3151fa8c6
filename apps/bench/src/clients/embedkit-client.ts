import { createJina } from '@embedkit/jina';
import { ingestService } from '../simulator/ingest-service-config.js';
import type { BenchClient, BenchClientContext, BenchEmbedder } from './bench-client.js';

/**
 * embedkit with a given wire format, paced to the service's published limits where it has them
 * (`rateLimit`, as a user would copy their tier's numbers); everything else is `createJina`'s
 * defaults.
 */
function embedkitClient(embeddingType: 'base64' | 'float'): BenchClient {
  return {
    id: embeddingType === 'base64' ? 'embedkit' : 'embedkit-float',
    async create(context: BenchClientContext): Promise<BenchEmbedder> {
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
                rateLimit: {
                  requestsPerMinute: ingestService.requestsPerMinute,
                  tokensPerMinute: ingestService.tokensPerMinute,
                  windowMs: ingestService.minuteMs,
                },
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

export const embedkitBase64Client = embedkitClient('base64');
export const embedkitFloatClient = embedkitClient('float');
