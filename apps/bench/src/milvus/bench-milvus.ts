import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MilvusLiteServer, startMilvusLite } from '@embedkit/milvus';

/**
 * A Milvus Lite server on a fresh temporary data directory, run by the bench's Python (which
 * has `milvus-lite`). `stop()` also deletes the data.
 */
export async function startBenchMilvus(python: string): Promise<MilvusLiteServer> {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-bench-milvus-'));
  const server = await startMilvusLite({ dbPath: join(directory, 'bench.db'), python });
  return {
    ...server,
    address: server.address,
    async stop() {
      // The server's process is unref'd; keep this one alive until it has exited.
      const keepAlive = setInterval(() => {}, 1000);
      await server.stop().finally(() => clearInterval(keepAlive));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
