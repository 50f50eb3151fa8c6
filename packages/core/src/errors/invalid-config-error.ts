import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

/** One problem in a configuration object, with the path of the offending key. */
export interface ConfigIssue {
  /** Dotted path such as `provider.dimensions`; empty for the object itself. */
  readonly path: string;
  readonly message: string;
}

export interface InvalidConfigErrorOptions {
  /** What was being configured, e.g. `jina settings` or `embedkit.config.json`. */
  subject: string;
  issues: ConfigIssue[];
  cause?: unknown;
}

/**
 * Settings or a config file are wrong: unknown keys, wrong types, values out of range, options the
 * model does not take. Every problem is listed with its path, so one run shows all of them.
 */
export class InvalidConfigError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'InvalidConfigError';
  override readonly code: EmbedkitErrorCode = 'INVALID_CONFIG';
  readonly issues: readonly ConfigIssue[];

  constructor(options: InvalidConfigErrorOptions) {
    const lines = options.issues.map(
      (issue) => `  - ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`,
    );
    const count = options.issues.length;
    super({
      message: `Invalid ${options.subject} (${count} problem${count === 1 ? '' : 's'}):\n${lines.join('\n')}`,
      cause: options.cause,
    });
    this.issues = options.issues;
  }
}
