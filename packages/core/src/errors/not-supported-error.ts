import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

/** A feature the backend in use does not offer (for example hybrid search on Milvus Lite). */
export class NotSupportedError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'NotSupportedError';
  override readonly code: EmbedkitErrorCode = 'NOT_SUPPORTED';
}
