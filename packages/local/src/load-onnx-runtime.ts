import { NotSupportedError } from '@embedkit/core';
import { isMissingPackage } from '@embedkit/core/provider';
import type * as OnnxRuntime from 'onnxruntime-node';

/** The `onnxruntime-node` module, as this package uses it. */
export type OnnxRuntimeModule = typeof OnnxRuntime;

/** The version this package is tested with; the install hint names it. */
export const onnxRuntimeVersion = '1.30.0';

async function importOnnxRuntime(): Promise<OnnxRuntimeModule> {
  const module = (await import('onnxruntime-node')) as OnnxRuntimeModule & {
    default?: OnnxRuntimeModule;
  };
  return module.default ?? module;
}

/**
 * Imports ONNX Runtime on first use (Node caches the import). It is an optional dependency: on
 * linux/x64 its install script downloads CUDA libraries from NuGet, and where only the npm
 * registry is reachable that script fails — npm then leaves the optional package out instead of
 * failing the whole install. This turns the resulting "Cannot find package" into an error that
 * says how to install the CPU runtime (which ships inside the npm package) without the download.
 * `load` is for tests.
 */
export async function loadOnnxRuntime(
  load: () => Promise<OnnxRuntimeModule> = importOnnxRuntime,
): Promise<OnnxRuntimeModule> {
  try {
    return await load();
  } catch (error) {
    if (!isMissingPackage(error, 'onnxruntime-node')) throw error;
    throw new NotSupportedError({
      message: `@embedkit/local needs onnxruntime-node, which is not installed (npm leaves it out when its install script cannot download the optional CUDA libraries from NuGet). Install the CPU runtime without that download: ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@${onnxRuntimeVersion}`,
      cause: error,
    });
  }
}
