import { defineProvider, InvalidConfigError } from '@embedkit/core';
import { z } from 'zod';
import { fromAiSdk } from './ai-sdk-embedding.js';
import type { AiSdkEmbeddingModel } from './ai-sdk-model.js';
import { aiSdkEmbeddingSettings } from './ai-sdk-settings.js';

/**
 * A registry definition (`provider: "ai-sdk"`) over the AI SDK models an app brings: a config
 * such as `{ provider: "ai-sdk", aiSdkProvider: "cohere.textEmbedding", model: "embed-v4.0",
 * rateLimit: {…} }` picks one of `models` by provider and model id and wraps it with
 * `fromAiSdk`. Models are objects holding their own keys, so they are handed over in code and
 * a config only names them; `fn.toConfig()` of a wrapped model rebuilds an equal function.
 */
export function createAiSdkProvider(models: readonly AiSdkEmbeddingModel[]) {
  return defineProvider({
    id: 'ai-sdk',
    schema: aiSdkEmbeddingSettings.extend({
      /** The model id, as the AI SDK provider names it. */
      model: z.string().min(1),
      /** The AI SDK provider string (`model.provider`), e.g. `cohere.textEmbedding`. */
      aiSdkProvider: z.string().min(1),
    }),
    create: ({ model: modelId, aiSdkProvider, ...settings }) => {
      const model = models.find(
        (candidate) => candidate.provider === aiSdkProvider && candidate.modelId === modelId,
      );
      if (model === undefined) {
        const known = models.map((candidate) => `${candidate.provider} ${candidate.modelId}`);
        throw new InvalidConfigError({
          subject: 'ai-sdk config',
          issues: [
            {
              path: 'model',
              message: `no AI SDK model "${modelId}" of provider "${aiSdkProvider}" was given to createAiSdkProvider (it has: ${known.join(', ') || 'none'}); add it to the list`,
            },
          ],
        });
      }
      return fromAiSdk(model, settings);
    },
  });
}
