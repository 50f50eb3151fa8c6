import { createRegistry } from '@embedkit/core';
import { describeEmbeddingFunctionContract, startNomicSimulator } from '@embedkit/testing';
import { createNomic } from './nomic-embedding.js';
import { nomicProvider } from './nomic-provider.js';

for (const [name, settings, variable] of [
  [
    'nomic-embed-text-v1.5 at 256 dimensions',
    { model: 'nomic-embed-text-v1.5', dimensions: 256 },
    'NOMIC_CONTRACT_KEY_V15',
  ],
  ['nomic-embed-text-v1', { model: 'nomic-embed-text-v1' }, 'NOMIC_CONTRACT_KEY_V1'],
] as const) {
  describeEmbeddingFunctionContract(`nomic ${name} (simulator)`, async () => {
    const simulator = await startNomicSimulator();
    process.env[variable] = simulator.apiKey;
    return {
      embedding: createNomic({ baseURL: simulator.baseURL, apiKeyEnv: variable, ...settings }),
      registry: createRegistry([nomicProvider]),
      secrets: [simulator.apiKey],
      teardown: async () => {
        delete process.env[variable];
        await simulator.close();
      },
    };
  });
}
