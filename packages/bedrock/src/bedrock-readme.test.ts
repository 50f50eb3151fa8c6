import { MemoryVectorStore } from '@embedkit/core';
import { bedrockSimulatorCredentials, startBedrockSimulator } from '@embedkit/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBedrock } from './bedrock-embedding.js';

describe('README', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('quick start runs (pointed at the simulator, credentials from the environment)', async () => {
    const simulator = await startBedrockSimulator();
    vi.stubEnv('AWS_ACCESS_KEY_ID', bedrockSimulatorCredentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', bedrockSimulatorCredentials.secretAccessKey);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    try {
      const embedding = createBedrock({
        model: 'cohere.embed-v4:0',
        region: 'us-east-1',
        dimensions: 512,
        endpoint: simulator.endpoint,
      });
      const store = new MemoryVectorStore({ embedding });
      await store.addDocuments([
        { text: 'Milvus is a vector database.' },
        { text: 'Foxes hunt at dawn.' },
      ]);
      const [best] = await store.search('which database stores vectors?', { topK: 1 });
      expect(best?.text).toBe('Milvus is a vector database.');
    } finally {
      await simulator.close();
    }
  });

  it('the testing example sends search_query', async () => {
    const simulator = await startBedrockSimulator({ region: 'us-east-1' });
    try {
      const embedding = createBedrock(
        { endpoint: simulator.endpoint, region: 'us-east-1', model: 'cohere.embed-english-v3' },
        { credentials: simulator.credentials },
      );
      const [query] = await embedding.encodeQueries(['what is Bedrock?']);
      expect(query).toHaveLength(1024);
      expect(simulator.log[0]!.body).toEqual({
        texts: ['what is Bedrock?'],
        input_type: 'search_query',
      });
    } finally {
      await simulator.close();
    }
  });
});
