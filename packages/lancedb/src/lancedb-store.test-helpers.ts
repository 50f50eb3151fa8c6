import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temporary folder for this test file, removed after its tests. */
export function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), `embedkit-${prefix}-`));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}
