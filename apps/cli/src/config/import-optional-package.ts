import { InvalidConfigError } from '@embedkit/core';
import { isMissingPackage } from '@embedkit/core/provider';

/** What needs an optional package, for the error that names it. */
export interface OptionalPackageUse {
  /** The config path that asked for it, e.g. `embedding.provider` or `store.kind`. */
  readonly path: string;
  /** What asked for it, e.g. `provider "local"`. */
  readonly needs: string;
}

/**
 * Runs `load` (a dynamic import of `packageName` or of a module that imports it). The CLI's heavy
 * adapters (`@embedkit/local` with ONNX Runtime, `@embedkit/milvus` with gRPC) are optional peer
 * dependencies, so a user who never configures them never installs or loads them; when one is
 * configured but not installed, this turns Node's "Cannot find package" into an
 * `InvalidConfigError` that names the package and the command that installs it. Any other failure
 * (including a missing dependency *of* the package) is rethrown unchanged.
 */
export async function importOptionalPackage<Module>(
  packageName: string,
  load: () => Promise<Module>,
  use: OptionalPackageUse,
): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if (!isMissingPackage(error, packageName)) throw error;
    throw new InvalidConfigError({
      subject: 'configuration',
      issues: [
        {
          path: use.path,
          message: `${use.needs} needs the package ${packageName}, which is not installed; install it next to @embedkit/cli: npm install ${packageName}`,
        },
      ],
      cause: error,
    });
  }
}
