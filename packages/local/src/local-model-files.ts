import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { InvalidConfigError } from '@embedkit/core';
import { type DownloadProgress, downloadHubFile } from './hub-download.js';
import type { localDtypes } from './local-settings.js';

export type LocalDtype = (typeof localDtypes)[number];

/** The ONNX file each weight variant is published as (the layout transformers.js uses). */
export const onnxFileNames: Record<LocalDtype, string> = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  int8: 'model_int8.onnx',
  uint8: 'model_uint8.onnx',
  q4: 'model_q4.onnx',
};

const requiredFiles = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const optionalFiles = ['1_Pooling/config.json', 'sentence_bert_config.json'];

/** A model directory on disk with the ONNX file that will be run. */
export interface ModelFiles {
  readonly directory: string;
  readonly onnxFile: string;
  readonly dtype: LocalDtype;
}

/** Where downloads go when no `cacheDir` is set. */
export function defaultCacheDir(): string {
  return process.env.EMBEDKIT_CACHE_DIR ?? join(homedir(), '.cache', 'embedkit', 'models');
}

/**
 * Checks a local model directory and picks its ONNX file: the requested `dtype`, or else the first
 * variant present (fp32 first). Never touches the network.
 */
export function localModelFiles(directory: string, dtype: LocalDtype | undefined): ModelFiles {
  const problems: string[] = [];
  for (const file of requiredFiles) {
    if (!existsSync(join(directory, file))) problems.push(`${file} is missing`);
  }
  const candidates = dtype ? [dtype] : (Object.keys(onnxFileNames) as LocalDtype[]);
  const found = candidates.find((candidate) =>
    existsSync(join(directory, 'onnx', onnxFileNames[candidate])),
  );
  if (!found) {
    const names = candidates.map((candidate) => `onnx/${onnxFileNames[candidate]}`).join(', ');
    problems.push(`no ONNX weights found (looked for ${names})`);
  }
  if (problems.length > 0 || !found) {
    throw new InvalidConfigError({
      subject: `local model directory ${directory}`,
      issues: problems.map((message) => ({
        path: 'modelPath',
        message: `${message}; point modelPath at a directory laid out like a Hugging Face ONNX model repository`,
      })),
    });
  }
  return { directory, dtype: found, onnxFile: join(directory, 'onnx', onnxFileNames[found]) };
}

/**
 * A model installed under `$EMBEDKIT_MODELS_DIR/<model id>` (where `scripts/install-model.sh`
 * puts it), or `undefined` when the variable is unset, the directory is absent or lacks the
 * requested `dtype`. Read at load
 * time, so a config names only the model id and stays the same on every machine.
 */
export function installedModelFiles(
  model: string,
  dtype: LocalDtype | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): ModelFiles | undefined {
  const root = environment.EMBEDKIT_MODELS_DIR?.trim();
  if (!root) return undefined;
  const directory = resolve(root, model);
  if (!existsSync(join(directory, 'config.json'))) return undefined;
  // A dtype the installed copy lacks is downloaded as usual.
  if (dtype && !existsSync(join(directory, 'onnx', onnxFileNames[dtype]))) return undefined;
  return localModelFiles(directory, dtype);
}

export interface HubModelRequest {
  hubUrl: string;
  repository: string;
  revision: string;
  cacheDir: string;
  dtype: LocalDtype;
  onProgress?: (progress: DownloadProgress) => void;
  fetch?: typeof fetch;
}

/**
 * The model's files from the cache, downloading what is missing from the hub first. Files already
 * in the cache are never fetched again, so after the first use the model works offline.
 */
export async function hubModelFiles(request: HubModelRequest): Promise<ModelFiles> {
  const directory = join(request.cacheDir, request.repository, request.revision);
  const onnxPath = `onnx/${onnxFileNames[request.dtype]}`;
  const marker = (file: string) => join(directory, `${file}.missing`);
  for (const file of [...requiredFiles, onnxPath, ...optionalFiles]) {
    const destination = join(directory, file);
    if (existsSync(destination) || existsSync(marker(file))) continue;
    const result = await downloadHubFile({ ...request, file, destination });
    if (result === 'missing' && optionalFiles.includes(file)) {
      await mkdir(dirname(marker(file)), { recursive: true });
      await writeFile(marker(file), '');
    } else if (result === 'missing') {
      throw new InvalidConfigError({
        subject: `local model ${request.repository}`,
        issues: [
          {
            path: file === onnxPath ? 'dtype' : 'model',
            message: `${request.repository}@${request.revision} has no ${file} on ${request.hubUrl}; pick a repository that publishes ONNX weights (see the model table) or another dtype`,
          },
        ],
      });
    }
  }
  return localModelFiles(directory, request.dtype);
}
