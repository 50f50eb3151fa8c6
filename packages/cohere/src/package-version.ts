// Written by scripts/write-package-version.mjs from package.json on every build; do not edit.

/** The version of @embedkit/cohere, inlined at build time so bundles and copies report the right one. */
export const cohereVersion: string = '0.0.0';
