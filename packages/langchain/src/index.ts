export * from './embedkit-embeddings.js';
export * from './langchain-embedding.js';
export * from './langchain-error-mapping.js';
export * from './langchain-provider.js';
export * from './langchain-settings.js';
