/** Token and call accounting for one embedding call. */
export interface EmbedUsage {
  /** Tokens billed, as the provider reported them (estimated where it reports none). */
  tokens: number;
  /** Provider calls that succeeded. */
  calls: number;
  /** Attempts that failed and were retried. */
  retries: number;
  /** Attempts answered with 429. */
  rateLimited: number;
}

/** Vectors in input order, with what producing them cost. */
export interface EmbedResult {
  vectors: Float32Array[];
  usage: EmbedUsage;
}
