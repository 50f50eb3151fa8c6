import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deferred } from '../batch/fake-provider.test-helpers.js';
import { ApiCallError } from '../errors/api-call-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ResponseFormatError } from '../errors/response-format-error.js';
import { coreVersion } from '../package-version.js';
import { postJson } from './post-json.js';
import { ResponseBodyReader } from './response-body-reader.js';
import { sharedDispatcher } from './shared-dispatcher.js';

const apiKey = 'sk-test-0123456789abcdefghij';
const schema = z.object({ data: z.array(z.object({ index: z.number() })) });

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const json = (response: ServerResponse, status: number, body: unknown, headers = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

const seen: { headers: IncomingMessage['headers']; body: string; port?: number }[] = [];
let hang = { received: deferred(), closed: deferred() };
const routes: Record<string, Handler> = {
  '/ok': (_, response) => json(response, 200, { data: [{ index: 0 }], extra: true }),
  '/html-502': (_, response) => {
    response.writeHead(502, { 'content-type': 'text/html' });
    response.end(
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
    );
  },
  '/truncated': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"data": [{"index": 0}, {"ind');
  },
  '/cut-mid-body': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    response.write('{"data": [');
    setTimeout(() => response.socket?.destroy(), 5);
  },
  '/wrong-shape': (_, response) => json(response, 200, { data: [{ index: 'zero' }] }),
  '/reset': (request) => request.socket.destroy(),
  '/hang': (request) => {
    request.socket.on('close', () => hang.closed.resolve());
    hang.received.resolve();
  },
  '/echo-key': (request, response) =>
    json(response, 401, {
      detail: `Invalid API key ${request.headers.authorization}; header was Bearer ${apiKey}`,
      code: 'AUTH_INVALID_API_KEY',
      request_id: 'req-123',
    }),
};

function statusRoute(url: URL, response: ServerResponse) {
  const status = Number(url.searchParams.get('status'));
  const headers: Record<string, string> = {};
  for (const name of ['retry-after', 'retry-after-ms']) {
    const value = url.searchParams.get(name);
    if (value !== null) headers[name] = value;
  }
  json(
    response,
    status,
    { error: { message: `failure ${status}`, type: 'test_error' }, request_id: `req-${status}` },
    headers,
  );
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      seen.push({ headers: request.headers, body, port: request.socket.remotePort });
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/status') statusRoute(url, response);
      else routes[url.pathname]?.(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, extra: Partial<Parameters<typeof postJson>[0]> = {}) =>
  postJson({
    url: `${base}${path}`,
    body: { input: ['hello'] },
    headers: { authorization: `Bearer ${apiKey}` },
    schema,
    provider: 'test',
    secrets: [apiKey],
    ...extra,
  });

const failure = (path: string, extra: Partial<Parameters<typeof postJson>[0]> = {}) =>
  post(path, extra).then(
    () => {
      throw new Error(`expected ${path} to fail`);
    },
    (error: unknown) => error as ApiCallError,
  );

describe('postJson', () => {
  it('POSTs JSON with a user-agent naming core and its version, and returns the validated body', async () => {
    const result = await post('/ok');
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ data: [{ index: 0 }] });
    const request = seen.at(-1)!;
    expect(JSON.parse(request.body)).toEqual({ input: ['hello'] });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toBe(
      `@embedkit/core/${coreVersion} node/${process.versions.node}`,
    );
  });

  it('keeps connections alive in a shared pool sized to the concurrency asked for', async () => {
    const before = seen.length;
    for (let call = 0; call < 4; call++) await post('/ok', { connections: 2 });
    await Promise.all(Array.from({ length: 6 }, () => post('/ok', { connections: 2 })));
    const ports = new Set(seen.slice(before).map((request) => request.port));
    expect(ports.size).toBeLessThanOrEqual(2);
    expect(sharedDispatcher(2)).toBe(sharedDispatcher(2));
    expect(sharedDispatcher(2)).not.toBe(sharedDispatcher(5));
  });

  it('reads bodies into the buffer of the reader it is given, or of the shared pool it uses', async () => {
    const pool = sharedDispatcher(3);
    pool.bodyReader.release();
    await post('/ok', { connections: 3 });
    expect(pool.bodyReader.heldBytes).toBeGreaterThan(0);
    pool.bodyReader.release();
    const own = new ResponseBodyReader();
    await post('/ok', { connections: 3, bodyReader: own });
    expect(own.heldBytes).toBeGreaterThan(0);
    expect(pool.bodyReader.heldBytes).toBe(0);
  });

  it('lets the caller replace the user-agent, whatever the header’s case', async () => {
    await post('/ok', { headers: { 'User-Agent': '@embedkit/jina/1.2.3' } });
    expect(seen.at(-1)!.headers['user-agent']).toBe('@embedkit/jina/1.2.3');
  });

  const statuses: [number, string, boolean][] = [
    [400, 'API_CALL_FAILED', false],
    [401, 'AUTHENTICATION_FAILED', false],
    [403, 'AUTHENTICATION_FAILED', false],
    [404, 'API_CALL_FAILED', false],
    [408, 'API_CALL_FAILED', true],
    [409, 'API_CALL_FAILED', true],
    [413, 'BATCH_TOO_LARGE', false],
    [422, 'API_CALL_FAILED', false],
    [429, 'RATE_LIMITED', true],
    [500, 'API_CALL_FAILED', true],
    [503, 'API_CALL_FAILED', true],
  ];
  for (const [status, code, retryable] of statuses) {
    it(`maps ${status} to ${code} (${retryable ? '' : 'not '}retryable) with the server's details`, async () => {
      const error = await failure(`/status?status=${status}`);
      expect(ApiCallError.isInstance(error)).toBe(true);
      expect(error.code).toBe(code);
      expect(error.isRetryable).toBe(retryable);
      expect(error.status).toBe(status);
      expect(error.provider).toBe('test');
      expect(error.requestId).toBe(`req-${status}`);
      expect(error.providerCode).toBe('test_error');
      expect(error.message).toContain(`test answered ${status} [test_error]: failure ${status}`);
    });
  }

  it('uses the class for each status', async () => {
    expect(AuthenticationError.isInstance(await failure('/status?status=401'))).toBe(true);
    expect(RateLimitError.isInstance(await failure('/status?status=429'))).toBe(true);
    expect(BatchTooLargeError.isInstance(await failure('/status?status=413'))).toBe(true);
  });

  it('reads Retry-After in seconds, as an HTTP date, and retry-after-ms', async () => {
    expect((await failure('/status?status=429&retry-after=7')).retryAfterMs).toBe(7_000);
    const date = new Date(Date.now() + 30_000).toUTCString();
    const fromDate = (await failure(`/status?status=503&retry-after=${encodeURIComponent(date)}`))
      .retryAfterMs!;
    expect(fromDate).toBeGreaterThan(25_000);
    expect(fromDate).toBeLessThanOrEqual(30_000);
    expect(
      (await failure('/status?status=429&retry-after-ms=250&retry-after=9')).retryAfterMs,
    ).toBe(250);
    expect((await failure('/status?status=429')).retryAfterMs).toBeUndefined();
  });

  it('names the 401 fix with the auth hint, never the key', async () => {
    const error = await failure('/echo-key', { authHint: 'Set TEST_API_KEY to a valid key.' });
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain('Set TEST_API_KEY to a valid key.');
    expect(error.requestId).toBe('req-123');
    expect(error.providerCode).toBe('AUTH_INVALID_API_KEY');
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain('0123456789abcdef');
    expect(error.bodyExcerpt).toContain('[redacted]');
  });

  it('describes an HTML 502 from a proxy and marks it retryable', async () => {
    const error = await failure('/html-502');
    expect(error.status).toBe(502);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('an HTML page titled "502 Bad Gateway"');
  });

  it('refuses truncated JSON with a retryable ResponseFormatError', async () => {
    const error = await failure('/truncated');
    expect(ResponseFormatError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('not valid JSON');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses a body of the wrong shape, naming the path', async () => {
    const error = await failure('/wrong-shape');
    expect(ResponseFormatError.isInstance(error)).toBe(true);
    expect(error.message).toContain('data.0.index');
  });

  it('turns a connection reset into a retryable ApiCallError without a status', async () => {
    const error = await failure('/reset');
    expect(error.code).toBe('API_CALL_FAILED');
    expect(error.status).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.cause).toBeDefined();
    expect(error.message).toContain(base);
  });

  it('turns a body cut off mid-stream into a retryable ApiCallError', async () => {
    const error = await failure('/cut-mid-body');
    expect(error.isRetryable).toBe(true);
    expect(ApiCallError.isInstance(error) || ResponseFormatError.isInstance(error)).toBe(true);
  });

  it('rejects with the abort reason and closes the connection when aborted', async () => {
    hang = { received: deferred(), closed: deferred() };
    const controller = new AbortController();
    const dispatcher = new Agent({ connections: 1 });
    const pending = failure('/hang', { signal: controller.signal, dispatcher });
    await hang.received.promise;
    const reason = new Error('caller gave up');
    controller.abort(reason);
    expect(await pending).toBe(reason);
    // Resolves only when the server sees the socket close; the test times out otherwise.
    await hang.closed.promise;
    await dispatcher.close();
  });

  it('sends through an injected dispatcher instead of the shared pool', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get('https://api.example.test')
      .intercept({ path: '/v1/embeddings', method: 'POST' })
      .reply(200, { data: [{ index: 0 }] });
    const result = await postJson({
      url: 'https://api.example.test/v1/embeddings',
      body: {},
      headers: {},
      schema,
      provider: 'test',
      dispatcher: mock,
    });
    expect(result.data.data).toHaveLength(1);
    mock.assertNoPendingInterceptors();
    await mock.close();
  });

  it('lets a provider map an error before the status mapping', async () => {
    const error = await failure('/status?status=400', {
      mapError: (details) =>
        details.status === 400
          ? new BatchTooLargeError({ provider: 'test', status: 400, message: 'too many tokens' })
          : undefined,
    });
    expect(BatchTooLargeError.isInstance(error)).toBe(true);
  });
});
