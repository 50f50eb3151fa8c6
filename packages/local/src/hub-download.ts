import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiCallError, AuthenticationError } from '@embedkit/core';

/** Progress of one model file download, for a progress line or a UI. */
export interface DownloadProgress {
  readonly repository: string;
  readonly file: string;
  readonly receivedBytes: number;
  /** From `content-length`; undefined when the server does not say. */
  readonly totalBytes: number | undefined;
  readonly done: boolean;
}

export interface HubFileRequest {
  hubUrl: string;
  repository: string;
  revision: string;
  /** Path inside the repository, e.g. `onnx/model.onnx`. */
  file: string;
  destination: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** Injectable for tests; defaults to the global `fetch` (which follows the hub's redirects). */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** Result of asking the hub for a file that a model may or may not publish. */
export type HubFileResult = 'downloaded' | 'missing';

/**
 * Downloads one file of a model repository into `destination`, writing to a `.partial` file that
 * is renamed when complete, so an interrupted download never leaves a truncated model behind.
 * A 404 is reported as `missing` (optional files such as `1_Pooling/config.json`); other failures
 * throw `ApiCallError`. `HF_TOKEN`, read at request time, authorises gated repositories.
 */
export async function downloadHubFile(request: HubFileRequest): Promise<HubFileResult> {
  const base = request.hubUrl.replace(/\/+$/, '');
  const url = `${base}/${request.repository}/resolve/${encodeURIComponent(request.revision)}/${request.file}`;
  const token = process.env.HF_TOKEN;
  const fetchFile = request.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchFile(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: request.signal,
    });
  } catch (error) {
    throw new ApiCallError({
      provider: 'local',
      message: `Could not reach the model hub at ${base} to download ${request.repository}/${request.file}. Check the network, or download the model elsewhere and pass modelPath.`,
      cause: error,
    });
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return 'missing';
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new AuthenticationError({
      provider: 'local',
      status: response.status,
      message: `The model hub refused ${request.repository}/${request.file} (HTTP ${response.status}). The repository may be gated or private: set HF_TOKEN, or pass modelPath.`,
    });
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ApiCallError({
      provider: 'local',
      status: response.status,
      message: `Downloading ${request.repository}/${request.file} failed with HTTP ${response.status}. Try again later, or pass modelPath.`,
    });
  }
  const header = response.headers.get('content-length');
  const totalBytes = header === null ? undefined : Number(header);
  let receivedBytes = 0;
  const partial = `${request.destination}.partial`;
  await mkdir(dirname(request.destination), { recursive: true });
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  body.on('data', (chunk: Buffer) => {
    receivedBytes += chunk.length;
    request.onProgress?.({ ...progressBase(request), receivedBytes, totalBytes, done: false });
  });
  try {
    await pipeline(body, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw new ApiCallError({
      provider: 'local',
      message: `Downloading ${request.repository}/${request.file} broke off after ${receivedBytes} bytes. Run again to restart the download.`,
      cause: error,
    });
  }
  await rename(partial, request.destination);
  request.onProgress?.({ ...progressBase(request), receivedBytes, totalBytes, done: true });
  return 'downloaded';
}

function progressBase(request: HubFileRequest): Pick<DownloadProgress, 'repository' | 'file'> {
  return { repository: request.repository, file: request.file };
}
