import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthenticationError } from '../errors/authentication-error.js';
import { ResponseFormatError } from '../errors/response-format-error.js';
import { apiKeySource } from './api-key-source.js';
import { createProviderPost } from './provider-post.js';

const seen: { url: string; headers: IncomingHttpHeaders; body: unknown }[] = [];
const server = createServer((request, response) => {
  let text = '';
  request.on('data', (chunk) => {
    text += chunk;
  });
  request.on('end', () => {
    seen.push({ url: request.url ?? '', headers: request.headers, body: JSON.parse(text) });
    response.setHeader('content-type', 'application/json');
    if (request.headers.authorization !== 'Bearer good-key') {
      response.statusCode = 401;
      response.end(JSON.stringify({ detail: `bad key ${request.headers.authorization}` }));
      return;
    }
    response.end(JSON.stringify(request.url === '/v1/odd' ? { value: 'x' } : { value: 7 }));
  });
});
let baseURL = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const schema = z.object({ value: z.number() });

describe('createProviderPost', () => {
  it('sends the key, the package user agent and the body, and validates the answer', async () => {
    const environment: NodeJS.ProcessEnv = {};
    const post = createProviderPost({
      provider: 'demo',
      packageName: '@example/demo',
      version: '1.2.3',
      baseURL,
      apiKey: apiKeySource({ provider: 'demo', envNames: ['DEMO_KEY'], environment }),
    });
    environment.DEMO_KEY = 'good-key';
    const { data, status } = await post({ path: 'things', body: { a: 1 }, schema });
    expect(data).toEqual({ value: 7 });
    expect(status).toBe(200);
    const request = seen.at(-1)!;
    expect(request.url).toBe('/v1/things');
    expect(request.body).toEqual({ a: 1 });
    expect(request.headers.authorization).toBe('Bearer good-key');
    expect(request.headers['user-agent']).toMatch(/^@example\/demo\/1\.2\.3 node\//);
    await expect(post({ path: 'odd', body: {}, schema })).rejects.toSatisfy((error) =>
      ResponseFormatError.isInstance(error),
    );
  });

  it('refuses to send anything without a key, naming the variable', async () => {
    const before = seen.length;
    const post = createProviderPost({
      provider: 'demo',
      packageName: '@example/demo',
      version: '1.2.3',
      baseURL,
      apiKey: apiKeySource({ provider: 'demo', envNames: ['DEMO_KEY'], environment: {} }),
    });
    const error = await post({ path: 'things', body: {}, schema }).catch((caught) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain('DEMO_KEY');
    expect(seen.length).toBe(before);
  });

  it('redacts a refused key from the error and adds the hint', async () => {
    const post = createProviderPost({
      provider: 'demo',
      packageName: '@example/demo',
      version: '1.2.3',
      baseURL,
      apiKey: apiKeySource({ provider: 'demo', envNames: [], apiKey: 'leaky-key-123' }),
    });
    const error = await post({ path: 'things', body: {}, schema }).catch((caught) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).not.toContain('leaky-key-123');
    expect(error.message).toContain('apiKey passed in code');
  });

  it('sends no authorization header when the key is optional and absent', async () => {
    const post = createProviderPost({
      provider: 'demo',
      packageName: '@example/demo',
      version: '1.2.3',
      baseURL,
      requireKey: false,
      apiKey: apiKeySource({ provider: 'demo', envNames: ['DEMO_KEY'], environment: {} }),
    });
    await post({ path: 'things', body: {}, schema }).catch(() => undefined);
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
  });
});
