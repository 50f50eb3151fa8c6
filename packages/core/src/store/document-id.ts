import { createHash } from 'node:crypto';
import { stableStringify } from '../json/stable-stringify.js';
import type { Metadata } from './vector-store.js';

/**
 * A deterministic id for a document without one: a hash of its text and metadata. Re-running an
 * ingest therefore upserts the same rows instead of duplicating them.
 */
export function documentId(text: string, metadata: Metadata = {}): string {
  return createHash('sha256')
    .update(text)
    .update('\u0000')
    .update(stableStringify(metadata))
    .digest('hex')
    .slice(0, 32);
}
