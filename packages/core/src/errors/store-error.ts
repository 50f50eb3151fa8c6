import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

export interface StoreErrorOptions {
  message: string;
  /** Which store, e.g. `milvus`. */
  store: string;
  isRetryable?: boolean;
  /** Ids of documents known to be stored when a write failed part way. */
  storedIds?: string[];
  cause?: unknown;
}

/**
 * A vector store failed: unreachable, refused a write, rejected a filter. When an ingest stops
 * part way, `storedIds` says what is already stored, and re-running the ingest completes it.
 */
export class StoreError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'StoreError';
  override readonly code: EmbedkitErrorCode = 'STORE_FAILED';
  override readonly isRetryable: boolean;
  readonly store: string;
  readonly storedIds: readonly string[];

  constructor(options: StoreErrorOptions) {
    super(options);
    this.store = options.store;
    this.isRetryable = options.isRetryable ?? false;
    this.storedIds = options.storedIds ?? [];
  }
}
