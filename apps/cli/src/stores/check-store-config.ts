import type { ConfigIssue, StoreRegistry } from '@embedkit/core';

/** The problems with the `store` section, with paths under `store.`, as the registry sees them. */
export function checkStoreConfig(
  registry: StoreRegistry,
  store: Record<string, unknown>,
): ConfigIssue[] {
  const error = registry.check(store);
  return (error?.issues ?? []).map((issue) => ({
    path: issue.path === '' ? 'store' : `store.${issue.path.replace(/^store\./, '')}`,
    message: issue.message,
  }));
}
