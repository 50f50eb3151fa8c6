import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

/**
 * The caller's `AbortSignal` fired. In-flight calls were cancelled; `completed` holds what
 * finished before the abort. `cause` is the signal's reason.
 */
export class AbortError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'AbortError';
  override readonly code: EmbedkitErrorCode = 'ABORTED';

  constructor(options: { message?: string; cause?: unknown } = {}) {
    super({ message: options.message ?? 'The operation was aborted.', cause: options.cause });
  }
}
