import { createRegistry } from '@embedkit/core';
import {
  bedrockSimulatorCredentials,
  describeEmbeddingFunctionContract,
  startBedrockSimulator,
} from '@embedkit/testing';
import { vi } from 'vitest';
import { createBedrock } from './bedrock-embedding.js';
import { bedrockProvider } from './bedrock-provider.js';

/** Credentials from the environment, as the AWS chain reads them; no instance metadata lookups. */
function useEnvironmentCredentials(region: string) {
  vi.stubEnv('AWS_ACCESS_KEY_ID', bedrockSimulatorCredentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', bedrockSimulatorCredentials.secretAccessKey);
  vi.stubEnv('AWS_REGION', region);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}

describeEmbeddingFunctionContract('bedrock titan v2 (env credentials, 256 dims)', async () => {
  const simulator = await startBedrockSimulator({ region: 'eu-west-1' });
  useEnvironmentCredentials('eu-west-1');
  return {
    embedding: createBedrock({
      endpoint: simulator.endpoint,
      model: 'amazon.titan-embed-text-v2:0',
      dimensions: 256,
    }),
    registry: createRegistry([bedrockProvider]),
    secrets: [bedrockSimulatorCredentials.secretAccessKey],
    teardown: async () => {
      vi.unstubAllEnvs();
      await simulator.close();
    },
  };
});

describeEmbeddingFunctionContract('bedrock cohere v4 (env credentials, 512 dims)', async () => {
  const simulator = await startBedrockSimulator();
  useEnvironmentCredentials('us-east-1');
  return {
    embedding: createBedrock({
      endpoint: simulator.endpoint,
      model: 'cohere.embed-v4:0',
      dimensions: 512,
    }),
    registry: createRegistry([bedrockProvider]),
    secrets: [bedrockSimulatorCredentials.secretAccessKey],
    teardown: async () => {
      vi.unstubAllEnvs();
      await simulator.close();
    },
  };
});

describeEmbeddingFunctionContract('bedrock cohere english v3', async () => {
  const simulator = await startBedrockSimulator();
  useEnvironmentCredentials('us-east-1');
  return {
    embedding: createBedrock({ endpoint: simulator.endpoint, model: 'cohere.embed-english-v3' }),
    registry: createRegistry([bedrockProvider]),
    teardown: async () => {
      vi.unstubAllEnvs();
      await simulator.close();
    },
  };
});
