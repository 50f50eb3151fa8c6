import type { BatchLimits } from '../batch/batch-limits.js';
import type { EmbedBatch } from '../batch/embed-batch.js';
import { RateBudget } from '../batch/rate-budget.js';
import type { RateLimit } from '../batch/rate-limit.js';
import type { RetryPolicy } from '../batch/retry-policy.js';
import { runBatches } from '../batch/run-batches.js';
import { estimateTokens as estimateTextTokens } from '../tokens/token-estimator.js';
import { checkGroupList, splitIntoGroups } from './document-groups.js';
import type { EmbedOptions } from './embed-options.js';
import type { EmbedResult } from './embed-result.js';
import type { EmbeddingConfig, JsonValue } from './embedding-config.js';
import type {
  ChunkContext,
  DocumentGroupsEmbeddingFunction,
  EmbedPurpose,
} from './embedding-function.js';
import type { EmbeddingSpace } from './embedding-space.js';
import { validateTextInputs } from './validate-text-inputs.js';

/** What a provider package declares to get a full `EmbeddingFunction` from core. */
export interface EmbeddingFunctionDefinition<Input = string> {
  provider: string;
  model: string;
  /** Known vector length, or `0` when only a probe call can tell. */
  dim: number;
  limits: BatchLimits;
  /** The one provider-specific piece: embed one batch in one call. */
  embedBatch: EmbedBatch<Input>;
  /** Settings for `toConfig()` besides provider, model and dim. Never a secret. */
  settings: Record<string, JsonValue | undefined>;
  /** Properties besides family, model and dim that change the vectors (e.g. `normalized`). */
  spaceProperties?: Record<string, JsonValue>;
  /** Vector family for the embedding space; defaults to the provider id. */
  family?: string;
  /** Token estimate per input; defaults to core's conservative text estimate. */
  estimateTokens?: (input: Input) => number;
  /** Validates inputs before any call; defaults to "non-empty strings". */
  validateInputs?: (inputs: unknown, options: EmbedOptions) => void;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** Overrides `limits.concurrency`. */
  concurrency?: number;
  /**
   * The provider's published limits for this API key: calls are paced so that together (every
   * concurrent call of this function) they stay within them, instead of being refused with 429.
   */
  rateLimit?: RateLimit;
  /**
   * An existing budget to pace against instead of `rateLimit`, when other calls with the same key
   * (a provider's extra outputs, say) must count against the same limits.
   */
  rateBudget?: RateBudget;
  /** The input used by `resolveDim()` to probe an unknown model. */
  probeInput?: Input;
  /**
   * `'document'` when the provider embeds the inputs of one call as one document (late chunking):
   * core then sends every document input as its own call (documents are independent), every
   * group of `encodeDocumentGroups` as exactly one call, and records `lateChunking: true` in the
   * embedding space. Query calls are never grouped. Default `'none'`.
   */
  chunkContext?: ChunkContext;
}

/** An `EmbeddingFunction` as core builds it: grouped encoding included, plus atomic groups. */
export interface ProviderEmbeddingFunction<Input = string>
  extends DocumentGroupsEmbeddingFunction<Input> {
  readonly chunkContext: ChunkContext;
  /**
   * Embeds groups of inputs with one call per group, never splitting or merging them (Jina late
   * chunking: one document's chunks). Returns one vector list per group, in order.
   */
  embedGroups(
    groups: readonly (readonly Input[])[],
    options?: EmbedOptions & { purpose?: EmbedPurpose },
  ): Promise<Float32Array[][]>;
}

/**
 * Builds an `EmbeddingFunction` from a provider definition. Providers write `embedBatch`; core adds
 * validation, batching, concurrency, retries, timeouts, order checks, progress and usage.
 */
export function createEmbeddingFunction<Input = string>(
  definition: EmbeddingFunctionDefinition<Input>,
): ProviderEmbeddingFunction<Input> {
  let dim = definition.dim;
  const chunkContext = definition.chunkContext ?? 'none';
  const rateBudget =
    definition.rateBudget ??
    (definition.rateLimit === undefined ? undefined : new RateBudget(definition.rateLimit));
  const estimate =
    definition.estimateTokens ??
    ((input: Input) => (typeof input === 'string' ? estimateTextTokens(input) : 1));
  const validate =
    definition.validateInputs ??
    ((inputs: unknown, options: EmbedOptions) => validateTextInputs(inputs, options.allowEmpty));

  const run = async (
    inputs: readonly Input[],
    options: EmbedOptions & { purpose?: EmbedPurpose } = {},
    groups?: readonly number[],
  ): Promise<EmbedResult> => {
    validate(inputs, options);
    // A late-chunking provider pools one call's inputs into one document; documents are
    // independent, so each travels alone unless the caller grouped them.
    const ownGroups =
      groups ??
      (chunkContext === 'document' && options.purpose !== 'query'
        ? inputs.map(() => 1)
        : undefined);
    const result = await runBatches({
      ...options,
      inputs,
      embedBatch: definition.embedBatch,
      limits: definition.limits,
      provider: definition.provider,
      model: definition.model,
      dim,
      purpose: options.purpose ?? 'default',
      estimateTokens: estimate,
      groups: ownGroups,
      concurrency: definition.concurrency,
      retry: definition.retry,
      timeoutMs: definition.timeoutMs,
      rateBudget,
    });
    if (dim === 0 && result.vectors.length > 0) dim = result.vectors[0]!.length;
    return result;
  };

  const space = (): EmbeddingSpace => ({
    ...definition.spaceProperties,
    ...(chunkContext === 'document' ? { lateChunking: true } : {}),
    family: definition.family ?? definition.provider,
    model: definition.model,
    dim,
  });

  const embedGroups = async (
    groups: readonly (readonly Input[])[],
    options?: EmbedOptions & { purpose?: EmbedPurpose },
  ): Promise<Float32Array[][]> => {
    checkGroupList(groups);
    const nonEmpty = groups.filter((group) => group.length > 0);
    const { vectors } = await run(
      nonEmpty.flat() as Input[],
      { ...options, purpose: options?.purpose ?? 'document' },
      nonEmpty.map((group) => group.length),
    );
    return splitIntoGroups(groups, vectors);
  };

  return {
    provider: definition.provider,
    model: definition.model,
    chunkContext,
    get dim() {
      return dim;
    },
    limits: definition.limits,
    get space() {
      return space();
    },
    async encodeDocuments(inputs, options) {
      return (await run(inputs, { ...options, purpose: 'document' })).vectors;
    },
    async encodeQueries(inputs, options) {
      return (await run(inputs, { ...options, purpose: 'query' })).vectors;
    },
    async embed(inputs, options) {
      return (await run(inputs, { ...options, purpose: 'default' })).vectors;
    },
    embedWithUsage(inputs, options) {
      return run(inputs, options);
    },
    embedGroups,
    async encodeDocumentGroups(groups, options) {
      if (chunkContext === 'document') return embedGroups(groups, options);
      checkGroupList(groups);
      const { vectors } = await run(groups.flat() as Input[], { ...options, purpose: 'document' });
      return splitIntoGroups(groups, vectors);
    },
    async resolveDim(options) {
      if (dim > 0) return dim;
      const probe = definition.probeInput ?? ('dimension probe' as Input);
      await run([probe], { signal: options?.signal, purpose: 'document' });
      return dim;
    },
    toConfig(): EmbeddingConfig {
      const config: EmbeddingConfig = {
        provider: definition.provider,
        model: definition.model,
        dim,
      };
      for (const [key, value] of Object.entries(definition.settings)) {
        if (value !== undefined) config[key] = value;
      }
      return config;
    },
  };
}
