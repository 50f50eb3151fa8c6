export * from './pgvector-search-sql.js';
export * from './pgvector-store.js';
export * from './pgvector-store-definitions.js';
export * from './pgvector-store-driver.js';
export * from './pgvector-store-settings.js';
export * from './sql-connection.js';
export * from './start-postgres-server.js';
