#!/usr/bin/env node
// Writes src/package-version.ts of the package in the current directory from its package.json, so
// the version is a constant in the built code: nothing reads package.json at run time, and a
// bundle (esbuild, webpack) keeps the right version wherever it runs. Every package's build runs
// this first, so the next build after `changeset version` picks up the bump. Usage, from a
// package directory: node ../../scripts/write-package-version.mjs <exportName>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const exportName = process.argv[2];
if (!exportName || !/^[a-z][A-Za-z0-9]*Version$/.test(exportName)) {
  console.error('usage: write-package-version.mjs <exportName>, e.g. coreVersion');
  process.exit(2);
}
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const file = 'src/package-version.ts';
const text = `// Written by scripts/write-package-version.mjs from package.json on every build; do not edit.

/** The version of ${name}, inlined at build time so bundles and copies report the right one. */
export const ${exportName}: string = '${version}';
`;
if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
