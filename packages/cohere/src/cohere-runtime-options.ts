import type { Dispatcher } from 'undici';

/**
 * What only code can pass to `createCohere`, as its second argument: never part of the settings,
 * so never in a config file, `toConfig()` or stored metadata.
 */
export interface CohereRuntimeOptions {
  /**
   * A literal API key. Prefer the environment (`COHERE_API_KEY`, or the variable named by
   * `apiKeyEnv`): it is read at the first call. Never stored, logged or put in an error.
   */
  apiKey?: string;
  /** An undici dispatcher (proxy agent, custom pool, test mock); a shared keep-alive pool otherwise. */
  dispatcher?: Dispatcher;
}
