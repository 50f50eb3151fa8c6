import type { EmbedPurpose } from '@embedkit/core';
import type { BedrockModelInfo } from './bedrock-models.js';

/** The settings that shape a request body. */
export interface BedrockBodySettings {
  readonly dimensions?: number;
  readonly normalize?: boolean;
  readonly embeddingType?: string;
  readonly truncate?: string;
  readonly inputType?: string;
  readonly maxTokens?: number;
}

/** Cohere's `input_type` for a purpose: the retrieval pair, or the configured type for `embed()`. */
export function cohereInputType(purpose: EmbedPurpose, inputType: string | undefined): string {
  if (purpose === 'query') return 'search_query';
  if (purpose === 'document') return 'search_document';
  return inputType ?? 'search_document';
}

/**
 * The InvokeModel body for one call, with only the fields the model's family takes (settings
 * were checked against the model at construction): Titan one `inputText`, Cohere `texts`.
 */
export function bedrockRequestBody(
  info: BedrockModelInfo,
  inputs: readonly string[],
  purpose: EmbedPurpose,
  settings: BedrockBodySettings,
): Record<string, unknown> {
  switch (info.family) {
    case 'titan-v1':
      return { inputText: inputs[0] };
    case 'titan-v2': {
      const body: Record<string, unknown> = { inputText: inputs[0] };
      if (settings.dimensions !== undefined) body.dimensions = settings.dimensions;
      if (settings.normalize !== undefined) body.normalize = settings.normalize;
      if (settings.embeddingType !== undefined) body.embeddingTypes = [settings.embeddingType];
      return body;
    }
    case 'cohere-v3':
    case 'cohere-v4': {
      const body: Record<string, unknown> = {
        texts: inputs,
        input_type: cohereInputType(purpose, settings.inputType),
      };
      if (settings.truncate !== undefined) body.truncate = settings.truncate;
      if (settings.embeddingType !== undefined) body.embedding_types = [settings.embeddingType];
      if (info.family === 'cohere-v4') {
        if (settings.dimensions !== undefined) body.output_dimension = settings.dimensions;
        if (settings.maxTokens !== undefined) body.max_tokens = settings.maxTokens;
      }
      return body;
    }
  }
}
