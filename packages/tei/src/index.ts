export * from './package-version.js';
export * from './tei-embedding.js';
export * from './tei-error-mapping.js';
export * from './tei-info.js';
export * from './tei-provider.js';
export * from './tei-settings.js';
