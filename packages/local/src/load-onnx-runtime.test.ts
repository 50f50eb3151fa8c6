import { NotSupportedError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { loadOnnxRuntime } from './load-onnx-runtime.js';

describe('loadOnnxRuntime', () => {
  it('loads the installed runtime', async () => {
    const runtime = await loadOnnxRuntime();
    expect(typeof runtime.InferenceSession.create).toBe('function');
  });

  it('names the install command when onnxruntime-node was left out', async () => {
    const missing = Object.assign(
      new Error("Cannot find package 'onnxruntime-node' imported from /app/local-session.js"),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const error = await loadOnnxRuntime(() => Promise.reject(missing)).catch(
      (caught: unknown) => caught,
    );
    expect(NotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@1.30.0',
    );
  });

  it('passes other failures through unchanged', async () => {
    const broken = new Error('libonnxruntime.so.1: cannot open shared object file');
    await expect(loadOnnxRuntime(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});

describe('onnxRuntimeVersion', () => {
  it('is the version package.json pins, so the install hint installs what was tested', async () => {
    const { readFileSync } = await import('node:fs');
    const { onnxRuntimeVersion } = await import('./load-onnx-runtime.js');
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.optionalDependencies['onnxruntime-node']).toBe(onnxRuntimeVersion);
  });
});
