import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '@zilliz/milvus2-sdk-node';
import type { TestProject } from 'vitest/node';
import { startMilvusLite } from './start-milvus-lite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the Milvus the store tests run against. */
    milvusAddress: string;
    /** Token for `milvusAddress`, when `MILVUS_TOKEN` is set. */
    milvusToken: string;
  }
}

/**
 * Vitest global setup: one Milvus Lite server on a temporary path for the whole package, stopped
 * (and its data removed) after the run. With `MILVUS_URI` set, tests use that server instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  logger.level = 'warn';
  project.provide('milvusToken', process.env.MILVUS_TOKEN ?? '');
  if (process.env.MILVUS_URI) {
    project.provide('milvusAddress', process.env.MILVUS_URI);
    return async () => {};
  }
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-milvus-test-'));
  const server = await startMilvusLite({ dbPath: join(directory, 'milvus.db') });
  project.provide('milvusAddress', server.address);
  return async () => {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  };
}
