export * from './ollama-embedding.js';
export * from './ollama-error-mapping.js';
export * from './ollama-host.js';
export * from './ollama-models.js';
export * from './ollama-provider.js';
export * from './ollama-settings.js';
export * from './package-version.js';
