export * from './sqlite-errors.js';
export * from './sqlite-filter-clause.js';
export * from './sqlite-vec-store.js';
export * from './sqlite-vec-store-definitions.js';
export * from './sqlite-vec-store-driver.js';
export * from './sqlite-vec-store-settings.js';
