import { NotSupportedError } from '../errors/not-supported-error.js';
import type { Metadata, MetadataFilter } from './vector-store.js';

/** Whether metadata satisfies a portable filter (every key equal, or a member of its `in` list). */
export function matchesMetadataFilter(
  metadata: Metadata,
  filter: MetadataFilter | string | undefined,
): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') {
    throw new NotSupportedError({
      message: `The memory store takes filters as objects such as { source: "a.md" }, not expression strings ("${filter}").`,
    });
  }
  for (const [key, condition] of Object.entries(filter)) {
    const value = metadata[key];
    if (condition !== null && typeof condition === 'object') {
      if (!condition.in.some((candidate) => candidate === value)) return false;
    } else if (value !== condition) {
      return false;
    }
  }
  return true;
}
