import { createCohere } from '@ai-sdk/cohere';
import { createRegistry } from '@embedkit/core';
import {
  cohereSimulatorKey,
  describeEmbeddingFunctionContract,
  openaiSimulatorKey,
  startCohereSimulator,
} from '@embedkit/testing';
import { openAICompatibleSetup } from './ai-sdk.test-helpers.js';
import { fromAiSdk } from './ai-sdk-embedding.js';
import { createAiSdkProvider } from './ai-sdk-provider.js';
import { toAiSdk } from './embedkit-embedding-model.js';

describeEmbeddingFunctionContract(
  'ai-sdk: @ai-sdk/openai-compatible text-embedding-3-small (OpenAI simulator)',
  async () => {
    const { simulator, model } = await openAICompatibleSetup();
    return {
      embedding: fromAiSdk(model, { dimensions: 1536 }),
      registry: createRegistry([createAiSdkProvider([model])]),
      secrets: [openaiSimulatorKey],
      teardown: () => simulator.close(),
    };
  },
);

describeEmbeddingFunctionContract(
  'ai-sdk: @ai-sdk/cohere embed-v4.0 with input types per purpose (Cohere simulator)',
  async () => {
    const simulator = await startCohereSimulator();
    const cohere = createCohere({ baseURL: `${simulator.baseURL}/v2`, apiKey: cohereSimulatorKey });
    const model = cohere.embedding('embed-v4.0');
    return {
      embedding: fromAiSdk(model, {
        dimensions: 256,
        providerOptions: {
          document: { cohere: { inputType: 'search_document', outputDimension: 256 } },
          query: { cohere: { inputType: 'search_query', outputDimension: 256 } },
          default: { cohere: { inputType: 'search_document', outputDimension: 256 } },
        },
      }),
      registry: createRegistry([createAiSdkProvider([model])]),
      secrets: [cohereSimulatorKey],
      teardown: () => simulator.close(),
    };
  },
);

// Both directions at once: an embedkit function exposed as an AI SDK model and wrapped back
// keeps every promise of the contract.
describeEmbeddingFunctionContract(
  'ai-sdk: fromAiSdk(toAiSdk(fn)) round trip over the OpenAI simulator',
  async () => {
    const { simulator, model } = await openAICompatibleSetup();
    const inner = fromAiSdk(model, { dimensions: 1536 });
    return {
      embedding: fromAiSdk(toAiSdk(inner), { dimensions: 1536 }),
      secrets: [openaiSimulatorKey],
      teardown: () => simulator.close(),
    };
  },
);
