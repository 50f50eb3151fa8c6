/** A JSON value: what configs and stored metadata may contain. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * A plain description of an embedding function: `{ provider, model, dim, ...settings }`.
 * Secrets appear only as the name of the environment variable that holds them (`apiKeyEnv`).
 */
export interface EmbeddingConfig {
  provider: string;
  model: string;
  dim: number;
  [setting: string]: JsonValue | undefined;
}
