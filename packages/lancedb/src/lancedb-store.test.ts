import { join } from 'node:path';
import { describeVectorStoreDriverContract } from '@embedkit/testing';
import { temporaryDirectory } from './lancedb-store.test-helpers.js';
import { LanceDbStoreDriver } from './lancedb-store-driver.js';

const directory = temporaryDirectory('lancedb-store');

describeVectorStoreDriverContract('LanceDB driver on a local folder', () => ({
  createDriver: () => new LanceDbStoreDriver({ uri: join(directory, 'contract') }),
}));
