export * from './ai-sdk-embedding.js';
export * from './ai-sdk-error-mapping.js';
export * from './ai-sdk-model.js';
export * from './ai-sdk-provider.js';
export * from './ai-sdk-settings.js';
export * from './embedkit-embedding-model.js';
