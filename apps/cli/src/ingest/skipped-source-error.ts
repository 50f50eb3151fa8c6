/**
 * A path the CLI will not read, and why ("a FIFO (named pipe)", "binary: it contains NUL bytes",
 * "permission denied"). The listing and scanning steps throw it; the index command turns it into
 * a warning, or with `--strict` into an input error (exit code 2).
 */
export class SkippedSourceError extends Error {
  override readonly name = 'SkippedSourceError';
  /** The path as shown to the user. */
  readonly path: string;
  readonly reason: string;
  /** What the user can do about it, as a sentence. */
  readonly hint: string;

  constructor(options: { path: string; reason: string; hint: string; cause?: unknown }) {
    super(`${options.path}: ${options.reason}`, { cause: options.cause });
    this.path = options.path;
    this.reason = options.reason;
    this.hint = options.hint;
  }
}

/** Describes a file system error code for a person: permission denied, a symlink loop, … */
export function describeFileError(error: unknown): string | undefined {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a symlink loop (the link leads back to itself)';
    case 'ENOENT':
      return 'a broken symlink (its target does not exist)';
    case 'ENXIO':
      return 'a socket or device, not a regular file';
    case 'EISDIR':
      return 'a folder';
    default:
      return undefined;
  }
}
