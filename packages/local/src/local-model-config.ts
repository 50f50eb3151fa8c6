import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError } from '@embedkit/core';
import type { LocalPooling } from './local-models.js';

/** What a model directory's own config files say about dim, pooling and maximum length. */
export interface ModelDirectoryConfig {
  readonly hiddenSize: number | undefined;
  readonly pooling: LocalPooling | undefined;
  /** The smallest of the limits the files declare (sentence-transformers, tokenizer, positions). */
  readonly maxTokens: number | undefined;
  readonly tokenizerJson: object;
  readonly tokenizerConfig: Record<string, unknown>;
}

function readJson(directory: string, file: string): Record<string, unknown> | undefined {
  const path = join(directory, file);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidConfigError({
      subject: `local model directory ${directory}`,
      issues: [{ path: file, message: 'is not valid JSON; download the model again' }],
      cause: error,
    });
  }
}

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

/** Reads config.json, the tokenizer files and the sentence-transformers files of a model. */
export function readModelDirectoryConfig(directory: string): ModelDirectoryConfig {
  const config = readJson(directory, 'config.json') ?? {};
  const tokenizerJson = readJson(directory, 'tokenizer.json') ?? {};
  const tokenizerConfig = readJson(directory, 'tokenizer_config.json') ?? {};
  const poolingConfig = readJson(directory, '1_Pooling/config.json');
  const sentenceConfig = readJson(directory, 'sentence_bert_config.json');

  let pooling: LocalPooling | undefined;
  if (poolingConfig?.pooling_mode_cls_token === true) pooling = 'cls';
  else if (poolingConfig?.pooling_mode_mean_tokens === true) pooling = 'mean';

  // tokenizer_config uses a huge sentinel (1e30) for "no limit"; positive() keeps it, min() drops it.
  const limits = [
    positive(sentenceConfig?.max_seq_length),
    positive(tokenizerConfig.model_max_length),
    positive(config.max_position_embeddings),
  ].filter((limit): limit is number => limit !== undefined);

  return {
    hiddenSize: positive(config.hidden_size) ?? positive(config.d_model) ?? positive(config.n_embd),
    pooling,
    maxTokens: limits.length > 0 ? Math.min(...limits) : undefined,
    tokenizerJson,
    tokenizerConfig,
  };
}
