/**
 * What one provider call accepts. The batch runner never sends a call that breaks these, so a
 * provider's documented limits become configuration rather than code.
 */
export interface BatchLimits {
  /** Inputs per call (Jina and OpenAI: 2048). */
  maxInputsPerCall: number;
  /** Estimated tokens per call, summed over its inputs (OpenAI: 300,000). */
  maxTokensPerCall?: number;
  /**
   * Tokens one input may have (Jina v3: 8192). Estimates are approximate, so an input estimated
   * above it is sent alone rather than refused; if the server refuses it, the error names it.
   */
  maxTokensPerInput?: number;
  /** Whether calls may run in parallel; a local model on one thread says no. */
  supportsParallelCalls: boolean;
  /** Default number of calls in flight at once. */
  concurrency: number;
}
