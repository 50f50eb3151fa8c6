import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deferred } from '../batch/fake-provider.test-helpers.js';
import { createEmbeddingFunction } from '../embedding/create-embedding-function.js';
import { AbortError } from '../errors/abort-error.js';
import { ApiCallError } from '../errors/api-call-error.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { postJson } from './post-json.js';

/** Each request takes the next scripted behaviour; the last one repeats. */
type Behaviour = (request: IncomingMessage, response: ServerResponse, inputs: string[]) => void;

const ok: Behaviour = (_, response, inputs) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      data: inputs.map((text, index) => ({ index, embedding: [text.length, index, 1] })),
      usage: { total_tokens: inputs.length * 2 },
    }),
  );
};
const status =
  (code: number, headers: Record<string, string> = {}, body = '{"detail":"scripted"}'): Behaviour =>
  (_, response) => {
    response.writeHead(code, { 'content-type': 'application/json', ...headers });
    response.end(body);
  };

let script: Behaviour[] = [];
let requests = 0;
const closedSockets: number[] = [];
let server: Server;
let url: string;
const dispatcher = new Agent({ connections: 4 });

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const number = requests++;
      request.socket.once('close', () => closedSockets.push(number));
      const behaviour = script[Math.min(number, script.length - 1)]!;
      behaviour(request, response, (JSON.parse(body) as { input: string[] }).input);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/embeddings`;
});

afterEach(() => {
  requests = 0;
  attempts = 0;
  closedSockets.length = 0;
});

afterAll(async () => {
  await dispatcher.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const responseSchema = z.object({
  data: z.array(z.object({ index: z.number(), embedding: z.array(z.number()) })),
  usage: z.object({ total_tokens: z.number() }),
});

/** What the provider below sends besides the inputs; a test may leave out headers or break the body. */
interface RequestShape {
  headers?: Record<string, string>;
  extraBody?: Record<string, unknown>;
}

let attempts = 0;

/** A minimal provider written the way provider packages write one: one POST per batch. */
function httpEmbedding(timeoutMs = 5_000, shape: RequestShape = { headers: {} }) {
  return createEmbeddingFunction({
    provider: 'http-test',
    model: 'm',
    dim: 3,
    limits: { maxInputsPerCall: 2, supportsParallelCalls: true, concurrency: 2 },
    settings: {},
    timeoutMs,
    retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 50 },
    embedBatch: async ({ inputs, signal }) => {
      attempts++;
      const { data } = await postJson({
        url,
        body: { input: inputs, ...shape.extraBody },
        headers: shape.headers,
        schema: responseSchema,
        provider: 'http-test',
        signal,
        dispatcher,
      });
      return {
        embeddings: data.data.map((entry) => ({
          index: entry.index,
          vector: Float32Array.from(entry.embedding),
        })),
        tokens: data.usage.total_tokens,
      };
    },
  });
}

describe('postJson under the batch runner', () => {
  it('retries a 429 with retry-after-ms, an HTML 502 and a reset, then succeeds', async () => {
    script = [
      status(429, { 'retry-after-ms': '20' }),
      status(502, { 'content-type': 'text/html' }, '<html><title>Bad Gateway</title></html>'),
      (request) => request.socket.destroy(),
      ok,
    ];
    const result = await httpEmbedding().embedWithUsage(['one']);
    expect(Array.from(result.vectors[0]!)).toEqual([3, 0, 1]);
    expect(result.usage).toMatchObject({ calls: 1, retries: 3, rateLimited: 1, tokens: 2 });
    expect(requests).toBe(4);
  });

  it('never retries a 400', async () => {
    script = [status(400)];
    const error = await httpEmbedding()
      .embed(['one'])
      .catch((caught: unknown) => caught);
    expect((error as ApiCallError).status).toBe(400);
    expect(requests).toBe(1);
  });

  it('times out a stalled request, closes its connection and retries', async () => {
    script = [() => {}, ok];
    const vectors = await httpEmbedding(100).embed(['one']);
    expect(vectors).toHaveLength(1);
    expect(requests).toBe(2);
    expect(closedSockets).toContain(0);
  });

  it('closes every in-flight connection when the caller aborts', async () => {
    const arrived = deferred();
    // The first request answers, the second hangs, the third (sent when the first finished) hangs.
    script = [
      ok,
      () => {},
      () => {
        arrived.resolve();
      },
    ];
    const controller = new AbortController();
    const running = httpEmbedding().embed(['a', 'b', 'c', 'd', 'e', 'f'], {
      signal: controller.signal,
    });
    await arrived.promise;
    controller.abort();
    const error = await running.catch((caught: unknown) => caught);
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as AbortError).completed?.indices).toHaveLength(2);
    while (closedSockets.filter((number) => number > 0).length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(closedSockets).toEqual(expect.arrayContaining([1, 2]));
  });

  it('sends a call without headers, once', async () => {
    script = [ok];
    const result = await httpEmbedding(5_000, {}).embedWithUsage(['one']);
    expect(Array.from(result.vectors[0]!)).toEqual([3, 0, 1]);
    expect(result.usage.retries).toBe(0);
    expect(requests).toBe(1);
  });

  it('throws a mistake in the request as it is, never retried as a network failure', async () => {
    script = [ok];
    const unserialisable = await httpEmbedding(5_000, { extraBody: { seed: 1n } })
      .embed(['one'])
      .catch((caught: unknown) => caught);
    expect(unserialisable).toBeInstanceOf(TypeError);
    expect(ApiCallError.isInstance(unserialisable)).toBe(false);
    expect(attempts).toBe(1);
    expect(requests).toBe(0);

    attempts = 0;
    const badHeader = await httpEmbedding(5_000, { headers: { 'x-trace': 'a\nb' } })
      .embed(['one'])
      .catch((caught: unknown) => caught);
    expect(EmbedkitError.isInstance(badHeader)).toBe(false);
    expect((badHeader as Error).message).not.toContain('connection failed');
    expect(attempts).toBe(1);
    expect(requests).toBe(0);
  });
});
