const markerPrefix = 'embedkit.error.';

/** What completed before a batch call finally failed, so a caller can resume instead of starting over. */
export interface CompletedWork {
  /** Input indices (into the caller's array) whose vectors are known. */
  readonly indices: number[];
  /** Vectors for `indices`, in the same order. */
  readonly vectors: Float32Array[];
}

export interface EmbedkitErrorOptions {
  message: string;
  cause?: unknown;
}

/**
 * The base of every error embedkit throws.
 *
 * Why a `code`: messages are for people and may be reworded; `code` is stable and safe to branch on.
 * Why `isInstance` instead of `instanceof`: a user's dependency tree can hold two copies of
 * `@embedkit/core` (a provider pinned to another version); `instanceof` fails across copies, while
 * the `Symbol.for` markers set here are shared by every copy in the process.
 */
export class EmbedkitError extends Error {
  /** Stable machine-readable identifier, e.g. `RATE_LIMITED`. */
  readonly code: string = 'EMBEDKIT_ERROR';
  /** Whether repeating the same call may succeed. The batch runner retries only these. */
  readonly isRetryable: boolean = false;
  /**
   * Work that completed before this error ended a batch run. Set by the batch runner, so a caller
   * can keep what succeeded (nothing is thrown away on failure).
   */
  completed?: CompletedWork;

  constructor(options: EmbedkitErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    let prototype: object | null = new.target.prototype;
    while (prototype && prototype !== Error.prototype) {
      const name = (prototype.constructor as { name?: string }).name;
      if (name) Object.defineProperty(this, Symbol.for(markerPrefix + name), { value: true });
      prototype = Object.getPrototypeOf(prototype);
    }
  }

  /** `instanceof` that also recognises errors thrown by another copy of `@embedkit/core`. */
  static isInstance<T extends abstract new (...args: never[]) => EmbedkitError>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[Symbol.for(markerPrefix + this.name)] === true
    );
  }
}
