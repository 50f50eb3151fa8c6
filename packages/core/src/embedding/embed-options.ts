/** Progress of one embedding call, reported after each provider call completes. */
export interface EmbedProgress {
  /** Inputs whose vectors are known. */
  readonly done: number;
  /** Inputs in this embedding call. */
  readonly total: number;
  /** Tokens the provider reported (or that were estimated when it reports none) so far. */
  readonly tokens: number;
  /** Provider calls that completed so far. */
  readonly calls: number;
  /** Attempts that failed and were retried so far. */
  readonly retries: number;
}

/** Per-call options accepted by every encode method. */
export interface EmbedOptions {
  /** Cancels every in-flight provider call at once; the error carries the work that completed. */
  signal?: AbortSignal;
  /** Overrides the task the provider would send (e.g. `text-matching` for one call). */
  task?: string;
  /** Called after every completed provider call. */
  onProgress?: (progress: EmbedProgress) => void;
  /** Extra HTTP headers for this call (tracing ids, proxy routing). */
  headers?: Record<string, string>;
  /** Allows empty strings, which are otherwise refused as a likely bug in the caller's data. */
  allowEmpty?: boolean;
}
