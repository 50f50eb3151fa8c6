import { createRegistry } from '@embedkit/core';
import { describeEmbeddingFunctionContract, startMistralSimulator } from '@embedkit/testing';
import { createMistral } from './mistral-embedding.js';
import { mistralProvider } from './mistral-provider.js';

for (const [name, settings] of [
  ['mistral-embed', { model: 'mistral-embed' }],
  ['codestral-embed at 512 dimensions', { model: 'codestral-embed', dimensions: 512 }],
] as const) {
  describeEmbeddingFunctionContract(`mistral ${name} (simulator)`, async () => {
    const simulator = await startMistralSimulator();
    const variable = `MISTRAL_CONTRACT_KEY_${settings.model.replace('-', '_').toUpperCase()}`;
    process.env[variable] = simulator.apiKey;
    return {
      embedding: createMistral({ baseURL: simulator.baseURL, apiKeyEnv: variable, ...settings }),
      registry: createRegistry([mistralProvider]),
      secrets: [simulator.apiKey],
      teardown: async () => {
        delete process.env[variable];
        await simulator.close();
      },
    };
  });
}
