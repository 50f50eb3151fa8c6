import { afterEach, describe, expect, it } from 'vitest';
import { createFaultInjector } from './fault-injector.js';
import { type HttpSimulator, startHttpSimulator, transportFaultReply } from './http-simulator.js';
import { createRateLimiter, retryAfterHeaders } from './rate-limiter.js';
import { contextualVectors, cosine, packSignBits, semanticVector } from './semantic-vectors.js';
import { countTokens, truncateToTokens } from './token-count.js';

describe('semantic vectors', () => {
  it('puts texts that share words closer than texts that do not', () => {
    const cat = semanticVector('the cat sat on the mat', 256);
    const kitten = semanticVector('a cat sat on a rug', 256);
    const stocks = semanticVector('quarterly stock prices fell sharply', 256);
    expect(cosine(cat, kitten)).toBeGreaterThan(cosine(cat, stocks) + 0.2);
    expect(semanticVector('same text', 64)).toEqual(semanticVector('same text', 64));
  });

  it('makes late-chunked vectors depend on the whole request', () => {
    const [alone] = contextualVectors(['chunk one'], 64);
    const [withNeighbour] = contextualVectors(['chunk one', 'another chunk entirely'], 64);
    expect(cosine(alone!, withNeighbour!)).toBeLessThan(0.999);
  });

  it('packs sign bits most significant first', () => {
    expect([...packSignBits(new Float32Array([1, -1, 1, -1, -1, -1, -1, 1, 1]))]).toEqual([
      0b10100001, 0b10000000,
    ]);
  });
});

describe('token count', () => {
  it('counts roughly a token per four letters and cuts to a budget', () => {
    expect(countTokens('hello world')).toBe(4);
    expect(countTokens(truncateToTokens('word '.repeat(100), 10))).toBeLessThanOrEqual(10);
  });
});

describe('rate limiter', () => {
  it('refuses over the request, token and concurrency limits with a wait', () => {
    let time = 0;
    const limiter = createRateLimiter({
      requestsPerWindow: 2,
      tokensPerWindow: 100,
      concurrentRequests: 1,
      windowMs: 1000,
      now: () => time,
    });
    const first = limiter.acquire(10);
    expect('permit' in first).toBe(true);
    expect(limiter.acquire(10)).toMatchObject({ rejection: { limit: 'concurrency' } });
    if ('permit' in first) first.permit.release();
    time = 100;
    expect(limiter.acquire(95)).toMatchObject({
      rejection: { limit: 'tokens', retryAfterMs: 900 },
    });
    const second = limiter.acquire(10);
    if ('permit' in second) second.permit.release();
    expect(limiter.acquire(1)).toMatchObject({
      rejection: { limit: 'requests', retryAfterMs: 900 },
    });
    time = 1001;
    expect('permit' in limiter.acquire(1)).toBe(true);
    expect(retryAfterHeaders({ limit: 'requests', retryAfterMs: 1200 })).toEqual({
      'retry-after': '2',
    });
  });
});

describe('fault injector', () => {
  it('serves forced faults first and replays rates from a seed', () => {
    const injector = createFaultInjector({ rates: { serverError: 0.5 }, seed: 7 });
    injector.force('stall', 2);
    expect([injector.next(), injector.next()]).toEqual(['stall', 'stall']);
    const again = createFaultInjector({ rates: { serverError: 0.5 }, seed: 7 });
    again.force('stall', 2);
    again.next();
    again.next();
    const sequence = Array.from({ length: 20 }, () => injector.next());
    expect(Array.from({ length: 20 }, () => again.next())).toEqual(sequence);
    expect(sequence.filter(Boolean).length).toBeGreaterThan(3);
  });
});

describe('http simulator', () => {
  let simulator: HttpSimulator | undefined;
  afterEach(async () => simulator?.close());

  it('routes JSON, counts requests and survives transport faults', async () => {
    const injector = createFaultInjector();
    simulator = await startHttpSimulator({
      routes: {
        'POST /echo': (incoming, self) => {
          self.recordTokens(3);
          const intended = { status: 200, body: { echoed: incoming.body } };
          return transportFaultReply(injector.next(), intended) ?? { kind: 'json', ...intended };
        },
      },
    });
    const post = (body: unknown) =>
      fetch(`${simulator!.url}/echo`, { method: 'POST', body: JSON.stringify(body) });
    const ok = await post({ value: 1 });
    expect(await ok.json()).toEqual({ echoed: { value: 1 } });
    injector.force('connectionReset');
    await expect(post({})).rejects.toThrow();
    injector.force('truncatedBody');
    await expect(post({}).then((answer) => answer.json())).rejects.toThrow();
    injector.force('nonJsonBody');
    const gateway = await post({});
    expect(gateway.status).toBe(502);
    await gateway.text();
    const missing = await fetch(`${simulator.url}/nowhere`);
    expect(missing.status).toBe(404);
    await missing.text();
    expect(simulator.stats.requests).toBe(5);
    expect(simulator.stats.tokens).toBe(12);
    expect(simulator.log[0]?.body).toEqual({ value: 1 });
  });

  it('counts a stalled request as in flight until the client aborts', async () => {
    simulator = await startHttpSimulator({ routes: { 'POST /stall': () => ({ kind: 'stall' }) } });
    const controller = new AbortController();
    const pending = fetch(`${simulator.url}/stall`, { method: 'POST', signal: controller.signal });
    while (simulator.stats.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await simulator.waitUntilIdle();
    expect(simulator.stats.inFlight).toBe(0);
  });
});
