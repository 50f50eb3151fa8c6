import type { EmbeddingModelV2, EmbeddingModelV3 } from '@ai-sdk/provider';

/**
 * An AI SDK embedding model of a specification version `ai` 6 uses: v3 (`@ai-sdk/*` 3.x and
 * later) or v2 (providers written for `ai` 5, which `ai` 6 still runs). Both embed one list of
 * strings per `doEmbed` call; v3 adds warnings to the result.
 */
export type AiSdkEmbeddingModel = EmbeddingModelV3 | EmbeddingModelV2<string>;
