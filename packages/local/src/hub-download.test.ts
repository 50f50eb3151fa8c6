import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiCallError, AuthenticationError, InvalidConfigError } from '@embedkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadProgress } from './hub-download.js';
import { createLocal } from './local-embedding.js';
import { testModelPath } from './test-model.test-helpers.js';

/** A model hub on 127.0.0.1 serving the installed test model as `Xenova/all-MiniLM-L6-v2`. */
function startHub(): Promise<{
  server: Server;
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  status: { forced?: number };
}> {
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  const status: { forced?: number } = {};
  const prefix = '/Xenova/all-MiniLM-L6-v2/resolve/main/';
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    requests.push({ path, headers: request.headers });
    if (status.forced) {
      response.writeHead(status.forced).end('{"error":"simulated"}');
      return;
    }
    const file = path.startsWith(prefix) ? join(testModelPath(), path.slice(prefix.length)) : '';
    if (!file || !existsSync(file)) {
      response.writeHead(404).end('Entry not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, requests, status });
    });
  });
}

describe('createLocal downloading from a model hub', () => {
  let hub: Awaited<ReturnType<typeof startHub>>;
  let cacheDir: string;
  // An installed copy under EMBEDKIT_MODELS_DIR would be used instead of the hub.
  const installedModels = process.env.EMBEDKIT_MODELS_DIR;
  beforeAll(async () => {
    delete process.env.EMBEDKIT_MODELS_DIR;
    hub = await startHub();
    cacheDir = await mkdtemp(join(tmpdir(), 'embedkit-local-cache-'));
  });
  afterEach(() => {
    hub.status.forced = undefined;
    delete process.env.HF_TOKEN;
  });
  afterAll(async () => {
    if (installedModels !== undefined) process.env.EMBEDKIT_MODELS_DIR = installedModels;
    hub.server.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('downloads the model on first use with progress, then runs from the cache offline', async () => {
    const progress: DownloadProgress[] = [];
    const downloaded = createLocal(
      { model: 'all-MiniLM-L6-v2', hubUrl: hub.url, cacheDir, dtype: 'q8' },
      { onDownloadProgress: (event) => progress.push(event) },
    );
    const [fromHub] = await downloaded.encodeDocuments(['Offline after the first download.']);
    const finished = progress.filter((event) => event.done).map((event) => event.file);
    expect(finished).toEqual(
      expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']),
    );
    const onnx = progress.find((event) => event.done && event.file.endsWith('.onnx'))!;
    expect(onnx.receivedBytes).toBeGreaterThan(20_000_000);
    await downloaded.close();

    const requestsBefore = hub.requests.length;
    const cached = createLocal({ hubUrl: 'http://127.0.0.1:9', cacheDir, dtype: 'q8' });
    const [fromCache] = await cached.encodeDocuments(['Offline after the first download.']);
    expect(hub.requests.length).toBe(requestsBefore);
    const local = createLocal({ modelPath: testModelPath() });
    const [fromPath] = await local.encodeDocuments(['Offline after the first download.']);
    expect(Array.from(fromCache!)).toEqual(Array.from(fromHub!));
    expect(Array.from(fromPath!)).toEqual(Array.from(fromHub!));
    await Promise.all([cached.close(), local.close()]);
  });

  it('says which dtype to pick when the repository lacks that ONNX file', async () => {
    const embedding = createLocal({ hubUrl: hub.url, cacheDir, dtype: 'fp16' });
    const error = await embedding.load().catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('onnx/model_fp16.onnx');
  });

  it('sends HF_TOKEN for gated models and reports a refusal without the token', async () => {
    process.env.HF_TOKEN = 'hf_secret_token_value';
    hub.status.forced = 401;
    const embedding = createLocal({ hubUrl: hub.url, cacheDir: join(cacheDir, 'gated') });
    const error = await embedding.load().catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('HF_TOKEN');
    expect((error as Error).message).not.toContain('hf_secret_token_value');
    expect(hub.requests.at(-1)!.headers.authorization).toBe('Bearer hf_secret_token_value');
  });

  it('reports a failing hub as a retryable ApiCallError with the status', async () => {
    hub.status.forced = 503;
    const embedding = createLocal({ hubUrl: hub.url, cacheDir: join(cacheDir, 'down') });
    const error = await embedding.load().catch((caught: unknown) => caught);
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).status).toBe(503);
    expect((error as ApiCallError).isRetryable).toBe(true);
  });
});
