import { join } from 'node:path';
import { describeVectorStoreDriverContract } from '@embedkit/testing';
import { temporaryDirectory } from './sqlite-vec-store.test-helpers.js';
import { SqliteVecStoreDriver } from './sqlite-vec-store-driver.js';

const directory = temporaryDirectory('sqlite-vec-contract');

describeVectorStoreDriverContract('sqlite-vec driver on a SQLite file', () => ({
  createDriver: () => new SqliteVecStoreDriver({ path: join(directory, 'contract.sqlite') }),
}));
