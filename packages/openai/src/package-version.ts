import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** This package's version, read from its package.json (kept in step by changesets). */
export const openaiVersion: string = (require('../package.json') as { version: string }).version;
