import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MilvusLiteServer, startMilvusLite } from '@embedkit/milvus';

/** A bench Milvus Lite server: `stop()` deletes its data; `discard()` kills it first, without waiting. */
export interface BenchMilvus extends MilvusLiteServer {
  discard(): Promise<void>;
}

/**
 * A Milvus Lite server on a fresh temporary data directory, run by the bench's Python (which
 * has `milvus-lite`). `stop()` also deletes the data.
 */
export async function startBenchMilvus(python: string): Promise<BenchMilvus> {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-bench-milvus-'));
  const server = await startMilvusLite({ dbPath: join(directory, 'bench.db'), python });
  const stop = async () => {
    // The server's process is unref'd; keep this one alive until it has exited.
    const keepAlive = setInterval(() => {}, 1000);
    await server.stop().finally(() => clearInterval(keepAlive));
    rmSync(directory, { recursive: true, force: true });
  };
  return {
    ...server,
    address: server.address,
    stop,
    async discard() {
      // Its data is thrown away, so nothing it would still seal or index on the way out matters.
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await stop();
    },
  };
}
