import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { isTransportFailure } from './is-transport-failure.js';

const failureOf = (send: () => Promise<unknown>) =>
  Promise.resolve()
    .then(send)
    .then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error,
    );

describe('isTransportFailure', () => {
  it('accepts what undici throws for a refused connection and a reset socket', async () => {
    const refused = await failureOf(() => request('http://127.0.0.1:1/', { method: 'POST' }));
    expect(isTransportFailure(refused)).toBe(true);
    const server = createServer((incoming) => incoming.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const reset = await failureOf(() => request(`http://127.0.0.1:${port}/`, { method: 'POST' }));
    await new Promise((resolve) => server.close(resolve));
    expect(isTransportFailure(reset)).toBe(true);
    expect(isTransportFailure(new AggregateError([reset], 'all addresses failed'))).toBe(true);
    expect(isTransportFailure(new Error('wrapped', { cause: refused }))).toBe(true);
  });

  it('refuses mistakes in the calling code', async () => {
    const badHeader = await failureOf(() =>
      request('http://127.0.0.1:1/', { method: 'POST', headers: { 'x-trace': 'a\nb' } }),
    );
    const badUrl = await failureOf(() => request('not a url', { method: 'POST' }));
    for (const error of [badHeader, badUrl, new TypeError('x is undefined'), 'ECONNRESET', null]) {
      expect(isTransportFailure(error)).toBe(false);
    }
  });
});
