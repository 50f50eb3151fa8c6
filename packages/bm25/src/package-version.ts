// Written by scripts/write-package-version.mjs from package.json on every build; do not edit.

/** The version of @embedkit/bm25, inlined at build time so bundles and copies report the right one. */
export const bm25Version: string = '0.0.0';
