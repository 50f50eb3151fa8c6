import type { EmbedkitErrorCode } from './embedkit-error-code.js';

/**
 * Prefix of the `Symbol.for` markers an error carries, one per class in its chain that declares a
 * `kind` (`embedkit.error.RateLimitError`, `embedkit.error.ApiCallError`, …). `Symbol.for` is
 * process-wide, so every copy of `@embedkit/core` reads and writes the same markers.
 */
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
 * Why a `code`: messages are for people and may be reworded; `code` is stable and safe to branch
 * on, and typed as `EmbedkitErrorCode` so a `switch` over it is checked.
 * Why `isInstance` instead of `instanceof`: a user's dependency tree can hold two copies of
 * `@embedkit/core` (a provider pinned to another version); `instanceof` fails across copies, while
 * the `Symbol.for` markers set here are shared by every copy in the process. The markers are built
 * from each class's declared `kind`, a string literal, never from `constructor.name`, which a
 * minifier renames (so a bundled copy and an installed copy still recognise each other's errors).
 */
export class EmbedkitError extends Error {
  /**
   * The class's identity across copies of core, and its `name`. A subclass declares its own
   * (`static override readonly kind = 'QuotaError'`) to be told apart by `isInstance` across
   * copies; one that does not is recognised by `instanceof` alone.
   */
  static readonly kind: string = 'EmbedkitError';
  /** Stable machine-readable identifier, e.g. `RATE_LIMITED`. */
  readonly code: EmbedkitErrorCode = 'EMBEDKIT_ERROR';
  /** Whether repeating the same call may succeed. The batch runner retries only these. */
  readonly isRetryable: boolean = false;
  /**
   * Work that completed before this error ended a batch run. Set by the batch runner, so a caller
   * can keep what succeeded (nothing is thrown away on failure).
   */
  completed?: CompletedWork;

  constructor(options: EmbedkitErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = declaredKind(new.target) ?? new.target.name;
    let prototype: object | null = new.target.prototype;
    while (prototype && prototype !== Error.prototype) {
      const kind = declaredKind(prototype.constructor);
      if (kind !== undefined) {
        Object.defineProperty(this, Symbol.for(markerPrefix + kind), { value: true });
      }
      prototype = Object.getPrototypeOf(prototype);
    }
  }

  /** `instanceof` that also recognises errors thrown by another copy of `@embedkit/core`. */
  static isInstance<T extends abstract new (...args: never[]) => EmbedkitError>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false;
    const kind = declaredKind(this);
    if (kind === undefined) return value instanceof this;
    return (value as Record<symbol, unknown>)[Symbol.for(markerPrefix + kind)] === true;
  }
}

/** The `kind` a class declares itself, not one it inherits. */
function declaredKind(errorClass: unknown): string | undefined {
  if (typeof errorClass !== 'function') return undefined;
  const kind: unknown = Object.getOwnPropertyDescriptor(errorClass, 'kind')?.value;
  return typeof kind === 'string' ? kind : undefined;
}
