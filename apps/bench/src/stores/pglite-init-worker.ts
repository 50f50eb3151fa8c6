import { serveChild } from '../harness/child-process.js';

/**
 * Child-process entry that creates PGlite's data directory at the given path (its `initdb`,
 * which takes seconds of WebAssembly) and closes it, so the stores scenario can do it while
 * other stores run, as a server's `initdb` happens when the server starts.
 */
serveChild<{ path: string }, true>(async ({ path }) => {
  const { PGlite } = await import('@electric-sql/pglite');
  const database = await PGlite.create(path);
  await database.close();
  return true;
});
