import { EmbedkitError } from './embedkit-error.js';

/**
 * The caller's `AbortSignal` fired. In-flight calls were cancelled; `completed` holds what
 * finished before the abort. `cause` is the signal's reason.
 */
export class AbortError extends EmbedkitError {
  override readonly code: string = 'ABORTED';

  constructor(options: { message?: string; cause?: unknown } = {}) {
    super({ message: options.message ?? 'The operation was aborted.', cause: options.cause });
  }
}
