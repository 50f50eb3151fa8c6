import {
  createStoreRegistry,
  InvalidConfigError,
  type StoreDefinition,
  type StoreRegistry,
} from '@embedkit/core';
import { isMissingPackage } from '@embedkit/core/provider';
import { type StorePackage, storePackages } from './store-packages.js';

/** Whether a value exported by a package is a store definition. */
function isStoreDefinition(value: unknown): value is StoreDefinition {
  const candidate = value as Partial<StoreDefinition> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.kind === 'string' &&
    typeof candidate.create === 'function' &&
    typeof candidate.schema?.safeParse === 'function'
  );
}

/**
 * A store registry holding the definitions that can build `kind`: core's first (no engine to
 * load), then each optional package in turn until one defines `kind`, so a memory store never
 * loads an engine's client library. A kind no installed package defines is an
 * `InvalidConfigError` naming the package to install.
 */
export async function loadStoreRegistry(
  kind: string,
  packages: readonly StorePackage[] = storePackages,
): Promise<StoreRegistry> {
  const definitions: StoreDefinition[] = [];
  const missing: StorePackage[] = [];
  for (const entry of packages) {
    let exported: Record<string, unknown>;
    try {
      exported = await entry.load();
    } catch (error) {
      if (!isMissingPackage(error, entry.name)) throw error;
      missing.push(entry);
      continue;
    }
    const found = Object.values(exported).filter(isStoreDefinition);
    for (const definition of found) {
      if (!definitions.some((known) => known.kind === definition.kind))
        definitions.push(definition);
    }
    if (found.some((definition) => definition.kind === kind)) break;
  }
  if (!definitions.some((definition) => definition.kind === kind)) {
    const provider = missing.find((entry) => entry.kinds.includes(kind));
    if (provider) {
      throw new InvalidConfigError({
        subject: 'store config',
        issues: [
          {
            path: 'store.kind',
            message: `"${kind}" stores come from ${provider.name}, which is not installed: run npm install ${provider.name}`,
          },
        ],
      });
    }
  }
  return createStoreRegistry(definitions);
}
