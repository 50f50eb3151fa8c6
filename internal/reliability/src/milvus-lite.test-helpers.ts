import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMilvusLite } from '@embedkit/milvus';
import { logger } from '@zilliz/milvus2-sdk-node';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the Milvus Lite server shared by this package's tests. */
    milvusAddress: string;
  }
}

/**
 * Vitest global setup: one Milvus Lite server on a temporary path for the package, stopped and
 * removed after the run. Tests that stop a server mid-ingest start their own instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  logger.level = 'warn';
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-reliability-'));
  const server = await startMilvusLite({ dbPath: join(directory, 'milvus.db') });
  project.provide('milvusAddress', server.address);
  return async () => {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  };
}
