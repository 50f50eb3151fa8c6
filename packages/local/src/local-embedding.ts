import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  createEmbeddingFunction,
  type EmbedOptions,
  InvalidConfigError,
  normalize as normalizeVector,
  type ProviderEmbeddingFunction,
} from '@embedkit/core';
import { parseSettings } from '@embedkit/core/provider';
import { createDownloadProgressLine } from './download-progress-line.js';
import type { DownloadProgress } from './hub-download.js';
import { lengthSortedBatches } from './length-sorted-batches.js';
import { readModelDirectoryConfig } from './local-model-config.js';
import {
  defaultCacheDir,
  hubModelFiles,
  installedModelFiles,
  localModelFiles,
} from './local-model-files.js';
import { findLocalModel } from './local-models.js';
import { LocalSession } from './local-session.js';
import { type LocalSettings, localSettings } from './local-settings.js';
import { LocalTextEncoder } from './local-text-encoder.js';
import {
  type LocalEmbedResult,
  recordTruncation,
  withTruncationUsage,
} from './truncation-usage.js';

/** Hooks that are code rather than configuration, so they stay out of `toConfig()`. */
export interface LocalRuntimeOptions {
  /** Called while model files download; defaults to a progress line on stderr. */
  onDownloadProgress?: (progress: DownloadProgress) => void;
  /** Replaces the global `fetch` for hub downloads (tests, proxies). */
  fetch?: typeof fetch;
}

/** A local embedding function: core's contract plus model lifecycle and truncation usage. */
export interface LocalEmbeddingFunction extends ProviderEmbeddingFunction {
  /** Like core's, with `usage.truncated` and `usage.truncatedTokens`. */
  embedWithUsage(
    inputs: readonly string[],
    options?: EmbedOptions & { purpose?: 'document' | 'query' | 'default' },
  ): Promise<LocalEmbedResult>;
  /** Loads the model now (downloading it on first use) instead of on the first embedding call. */
  load(): Promise<void>;
  /** Frees the ONNX Runtime session; the next call loads the model again. */
  close(): Promise<void>;
}

interface LoadedModel {
  session: LocalSession;
  encoder: LocalTextEncoder;
}

/**
 * Neural sentence embeddings computed in this process with ONNX Runtime: no server, no key, and
 * after the first download no network. `modelPath` runs a model directory already on disk, and a
 * model installed under `$EMBEDKIT_MODELS_DIR/<model id>` is used without downloading.
 * Inputs are sorted by token length inside each call and padded per run, so a mix of short and
 * long texts costs about what each length alone would.
 */
export function createLocal(
  settings: LocalSettings = {},
  runtime: LocalRuntimeOptions = {},
): LocalEmbeddingFunction {
  const options = parseSettings(localSettings, settings, 'local settings');
  const known = findLocalModel(options.model);
  const modelDim = known?.dim ?? options.dim ?? 0;
  if (options.dimensions !== undefined && modelDim > 0 && options.dimensions > modelDim) {
    throw new InvalidConfigError({
      subject: 'local settings',
      issues: [
        {
          path: 'dimensions',
          message: `${options.model} has ${modelDim} dimensions; choose 1..${modelDim}`,
        },
      ],
    });
  }
  const queryPrefix = options.queryPrefix ?? known?.queryPrefix ?? '';
  const documentPrefix = options.documentPrefix ?? known?.documentPrefix ?? '';
  let loading: Promise<LoadedModel> | undefined;

  const loadModel = async (): Promise<LoadedModel> => {
    // Paths are resolved here, at load time, and never written back: `toConfig()` keeps what the
    // user wrote (a relative `modelPath`, or just the model id found under EMBEDKIT_MODELS_DIR).
    const files = options.modelPath
      ? localModelFiles(resolve(options.modelPath), options.dtype)
      : (installedModelFiles(options.model, options.dtype) ??
        (await hubModelFiles({
          hubUrl: options.hubUrl,
          repository: options.model.includes('/')
            ? options.model
            : (known?.repository ?? options.model),
          revision: options.revision,
          cacheDir: options.cacheDir ?? defaultCacheDir(),
          dtype: options.dtype ?? 'fp32',
          onProgress: runtime.onDownloadProgress ?? createDownloadProgressLine(),
          fetch: runtime.fetch,
        })));
    const config = readModelDirectoryConfig(files.directory);
    const maxTokens = options.maxTokens ?? known?.maxTokens ?? config.maxTokens ?? 512;
    const pooling = options.pooling ?? known?.pooling ?? config.pooling ?? 'mean';
    const threads = options.threads ?? availableParallelism();
    const session = await LocalSession.open(files.onnxFile, pooling, threads);
    const encoder = new LocalTextEncoder(config.tokenizerJson, config.tokenizerConfig, maxTokens);
    return { session, encoder };
  };

  const load = (): Promise<LoadedModel> => {
    loading ??= loadModel().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };

  const finish = (vector: Float32Array): Float32Array => {
    if (options.dimensions !== undefined && options.dimensions > vector.length) {
      throw new InvalidConfigError({
        subject: 'local settings',
        issues: [
          {
            path: 'dimensions',
            message: `${options.model} has ${vector.length} dimensions; choose 1..${vector.length}`,
          },
        ],
      });
    }
    const sized = options.dimensions === undefined ? vector : vector.slice(0, options.dimensions);
    return options.normalize ? normalizeVector(sized) : sized;
  };

  const base = createEmbeddingFunction({
    provider: 'local',
    model: options.model,
    dim: options.dimensions ?? modelDim,
    limits: {
      maxInputsPerCall: options.maxInputsPerCall,
      supportsParallelCalls: false,
      concurrency: 1,
    },
    // Local compute is not a flaky network: a slow call is slow again, so no per-call timeout
    // worth retrying; only hub downloads (retryable ApiCallError) get a couple more attempts.
    timeoutMs: 24 * 60 * 60 * 1000,
    retry: { maxRetries: 2 },
    settings: {
      model: options.model,
      modelPath: options.modelPath,
      cacheDir: options.cacheDir,
      hubUrl: options.hubUrl,
      revision: options.revision,
      pooling: options.pooling,
      normalize: options.normalize,
      queryPrefix: options.queryPrefix,
      documentPrefix: options.documentPrefix,
      dtype: options.dtype,
      threads: options.threads,
      dimensions: options.dimensions,
      maxTokens: options.maxTokens,
      batchSize: options.batchSize,
      maxInputsPerCall: options.maxInputsPerCall,
    },
    spaceProperties: {
      normalized: options.normalize,
      queryPrefix,
      documentPrefix,
      ...(options.pooling ? { pooling: options.pooling } : {}),
    },
    async embedBatch({ inputs, purpose, signal }) {
      const { session, encoder } = await load();
      const prefix = purpose === 'query' ? queryPrefix : documentPrefix;
      const encodings = inputs.map((text) => {
        const encoding = encoder.encode(prefix + text);
        recordTruncation(encoding.fullLength, encoding.ids.length);
        return encoding;
      });
      const vectors = new Array<Float32Array>(inputs.length);
      const lengths = encodings.map((encoding) => encoding.ids.length);
      for (const batch of lengthSortedBatches(lengths, options.batchSize)) {
        signal.throwIfAborted();
        const pooled = await session.run(
          batch.positions.map((position) => encodings[position]!),
          batch.paddedLength,
        );
        batch.positions.forEach((position, row) => {
          vectors[position] = finish(pooled[row]!);
        });
      }
      return {
        embeddings: vectors.map((vector, index) => ({ index, vector })),
        tokens: lengths.reduce((total, length) => total + length, 0),
      };
    },
  });

  return {
    ...base,
    get dim() {
      return base.dim;
    },
    get space() {
      return base.space;
    },
    embedWithUsage: (inputs, callOptions) =>
      withTruncationUsage(() => base.embedWithUsage(inputs, callOptions)),
    async load() {
      await load();
    },
    async close() {
      const current = loading;
      loading = undefined;
      if (current) await (await current).session.release();
    },
  };
}
