export * from './config/cli-config-schema.js';
export * from './config/load-config.js';
export * from './ingest/chunk-text.js';
export * from './run-cli.js';
