import { defineProvider } from '@embedkit/core';
import { createBedrock } from './bedrock-embedding.js';
import { bedrockSettings } from './bedrock-settings.js';

/**
 * Registry definition (`provider: "bedrock"`): `createRegistry([bedrockProvider])` builds Bedrock
 * functions from configs such as `{ provider: "bedrock", model: "cohere.embed-v4:0", region:
 * "us-east-1", dimensions: 512 }`. Credentials never appear in a config: they come from the AWS
 * chain at the first call. Nothing is registered at import time.
 */
export const bedrockProvider = defineProvider({
  id: 'bedrock',
  schema: bedrockSettings,
  create: (settings) => createBedrock(settings),
});
