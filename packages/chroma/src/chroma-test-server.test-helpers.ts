import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChromaServer } from './start-chroma-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the Chroma server the store tests run against. */
    chromaUrl: string;
  }
}

/**
 * Vitest global setup: one real Chroma server (`chroma run`, from `pip install chromadb`) on a
 * temporary path and a free 127.0.0.1 port for the whole package, stopped and removed after.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-chroma-test-'));
  const server = await startChromaServer({ path: join(directory, 'data') });
  project.provide('chromaUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  };
}
