export * from './lancedb-errors.js';
export * from './lancedb-filter-expression.js';
export * from './lancedb-queries.js';
export * from './lancedb-store.js';
export * from './lancedb-store-definitions.js';
export * from './lancedb-store-driver.js';
export * from './lancedb-store-settings.js';
