import { defineProvider } from '../registry/provider-definition.js';
import { createHashingEmbedding } from './create-hashing-embedding.js';
import { hashingSettings } from './hashing-settings.js';

/** Registry definition of the offline hashing embedding (`provider: "hashing"`). */
export const hashingProvider = defineProvider({
  id: 'hashing',
  schema: hashingSettings,
  create: (settings) => createHashingEmbedding(settings),
});
