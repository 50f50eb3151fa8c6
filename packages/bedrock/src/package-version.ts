// Written by scripts/write-package-version.mjs from package.json on every build; do not edit.

/** The version of @embedkit/bedrock, inlined at build time so bundles and copies report the right one. */
export const bedrockVersion: string = '0.0.0';
