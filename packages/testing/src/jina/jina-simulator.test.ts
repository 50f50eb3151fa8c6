import { decodeBase64Floats } from '@embedkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedVectors } from './jina-simulated-vectors.js';
import { type JinaSimulator, startJinaSimulator } from './jina-simulator.js';
import type { JinaSimulatorOptions } from './jina-simulator-options.js';

let simulator: JinaSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: JinaSimulatorOptions = {}) {
  simulator = await startJinaSimulator(options);
  return simulator;
}

async function post(body: unknown, key: string | null = simulator!.apiKey, path = 'embeddings') {
  const response = await fetch(`${simulator!.baseURL}/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    // biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary JSON answers
    body: (await response.json()) as Record<string, any>,
  };
}

describe('Jina simulator: validation', () => {
  it('answers auth failures with the documented codes', async () => {
    await start({ exhaustedKeys: [`jina_${'x'.repeat(60)}`] });
    const body = { model: 'jina-embeddings-v3', input: ['hi'] };
    expect((await post(body, null)).body.code).toBe('AUTH_MISSING_API_KEY');
    expect((await post(body, 'sk-wrong')).body.code).toBe('AUTH_INVALID_FORMAT');
    expect((await post(body, `jina_${'y'.repeat(60)}`)).body.code).toBe('AUTH_INVALID_API_KEY');
    const exhausted = await post(body, `jina_${'x'.repeat(60)}`);
    expect([exhausted.status, exhausted.body.code]).toEqual([403, 'AUTHZ_INSUFFICIENT_BALANCE']);
  });

  it('refuses unknown models, extra fields, bad tasks and dimensions', async () => {
    await start();
    const unknown = await post({ model: 'jina-embeddings-v9', input: ['a'] });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'INPUT_MODEL_NOT_FOUND']);
    const extra = await post({
      model: 'jina-embeddings-v2-base-en',
      input: ['a'],
      task: 'retrieval.passage',
      late_chunking: false,
    });
    expect(extra.status).toBe(422);
    expect(
      extra.body.errors.map((error: { field: string; type: string }) => [error.field, error.type]),
    ).toEqual([
      ['task', 'extra_forbidden'],
      ['late_chunking', 'extra_forbidden'],
    ]);
    expect(
      (await post({ model: 'jina-embeddings-v3', input: ['a'], task: 'clustering' })).status,
    ).toBe(422);
    expect(
      (await post({ model: 'jina-embeddings-v3', input: ['a'], dimensions: 2048 })).status,
    ).toBe(422);
    expect((await post({ model: 'jina-colbert-v2', input: ['a'], dimensions: 100 })).status).toBe(
      422,
    );
    expect(
      (await post({ model: 'jina-embeddings-v5-text-small', input: ['a'], late_chunking: true }))
        .status,
    ).toBe(422);
  });

  it('refuses more than 512 inputs for jina-embeddings-v4 with the service’s 400', async () => {
    await start();
    const refused = await post({ model: 'jina-embeddings-v4', input: Array(513).fill('a') });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe(
      "Validation error: 'body -> jina-embeddings-v4' Each input list can contain at most 512 items.",
    );
    expect(refused.body.request_id).toEqual(expect.any(String));
    const accepted = await post({ model: 'jina-embeddings-v4', input: Array(512).fill('a') });
    expect(accepted.status).toBe(200);
    expect((await post({ model: 'jina-embeddings-v3', input: Array(513).fill('a') })).status).toBe(
      200,
    );
  });

  it('gives both v5 models a 32,768-token context, as Jina’s v5 release post says', async () => {
    await start();
    const long = 'word '.repeat(20_000);
    for (const model of ['jina-embeddings-v5-text-small', 'jina-embeddings-v5-text-nano']) {
      expect((await post({ model, input: [long] })).status).toBe(200);
    }
  });

  it('refuses more than 2048 inputs and over-long inputs unless truncating', async () => {
    await start();
    const many = await post({ model: 'jina-embeddings-v3', input: Array(2049).fill('a') });
    expect(many.status).toBe(422);
    const long = 'word '.repeat(9000);
    const refused = await post({ model: 'jina-embeddings-v3', input: ['short', long] });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('Input 1');
    expect(
      (await post({ model: 'jina-embeddings-v3', input: ['short', long], truncate: true })).status,
    ).toBe(200);
  });
});

describe('Jina simulator: vectors', () => {
  it('honours dimensions, task salt, base64 and binary', async () => {
    await start();
    const base = {
      model: 'jina-embeddings-v3',
      input: ['the cat sat'],
      dimensions: 64,
      task: 'retrieval.passage',
    };
    const float = (await post(base)).body.data[0].embedding as number[];
    expect(float).toHaveLength(64);
    expect(
      Array.from(
        simulatedVectors(['the cat sat'], { dimensions: 64, task: 'retrieval.passage' })[0]!,
      ),
    ).toEqual(float);
    const base64 = (await post({ ...base, embedding_type: 'base64' })).body.data[0]
      .embedding as string;
    expect(Array.from(decodeBase64Floats(base64))).toEqual(float);
    const binary = (await post({ ...base, embedding_type: 'ubinary' })).body.data[0]
      .embedding as number[];
    expect(binary).toHaveLength(8);
    const query = (await post({ ...base, task: 'retrieval.query' })).body.data[0]
      .embedding as number[];
    expect(query).not.toEqual(float);
  });

  it('makes late-chunked vectors depend on every input of the request', async () => {
    await start();
    const body = { model: 'jina-embeddings-v3', dimensions: 32, late_chunking: true };
    const alone = (await post({ ...body, input: ['first chunk'] })).body.data[0].embedding;
    const together = (await post({ ...body, input: ['first chunk', 'second chunk'] })).body.data[0]
      .embedding;
    expect(together).not.toEqual(alone);
  });

  it('shuffles data but keeps indices and reports usage', async () => {
    await start({ shuffle: true, seed: 3 });
    const input = Array.from({ length: 20 }, (_, index) => `text number ${index}`);
    const answer = await post({ model: 'jina-embeddings-v3', input, dimensions: 8 });
    const indices = answer.body.data.map((item: { index: number }) => item.index);
    expect(indices).not.toEqual([...indices].sort((left: number, right: number) => left - right));
    expect(answer.body.usage.total_tokens).toBeGreaterThan(0);
    expect(simulator!.stats.tokens).toBe(answer.body.usage.total_tokens);
  });

  it('returns many vectors per input for colbert', async () => {
    await start();
    const answer = await post({
      model: 'jina-colbert-v2',
      input: ['three word text'],
      input_type: 'document',
      dimensions: 64,
    });
    expect(answer.body.data[0].embeddings).toHaveLength(3);
    expect(answer.body.data[0].embeddings[0]).toHaveLength(64);
  });
});

describe('Jina simulator: limits and rerank', () => {
  it('answers 429 with the documented code per limit, with Retry-After when asked', async () => {
    await start({ limits: { requestsPerMinute: 1 }, retryAfter: 'seconds' });
    const body = { model: 'jina-embeddings-v3', input: ['a'] };
    const accepted = await post(body);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const limited = await post(body);
    expect([limited.status, limited.body.code]).toEqual([429, 'RATE_REQUEST_LIMIT_EXCEEDED']);
    expect(limited.headers.get('retry-after')).toBe('60');
    await simulator!.close();
    await start({ limits: { tokensPerMinute: 5 } });
    const tokens = await post({
      model: 'jina-embeddings-v3',
      input: ['many words in this text are here'],
    });
    expect([tokens.status, tokens.body.code]).toEqual([429, 'RATE_TOKEN_LIMIT_EXCEEDED']);
    expect(tokens.headers.get('retry-after')).toBeNull();
  });

  it('reranks by relevance and refuses extra fields', async () => {
    await start();
    const answer = await post(
      {
        model: 'jina-reranker-v2-base-multilingual',
        query: 'cat food',
        documents: ['stock market', 'food for a cat'],
        top_n: 1,
      },
      null,
      'rerank',
    );
    expect(answer.status).toBe(401);
    const ranked = await post(
      {
        model: 'jina-reranker-v2-base-multilingual',
        query: 'cat food',
        documents: ['stock market', 'food for a cat'],
        top_n: 1,
      },
      simulator!.apiKey,
      'rerank',
    );
    expect(ranked.body.results).toMatchObject([{ index: 1, document: { text: 'food for a cat' } }]);
    const extra = await post(
      { model: 'jina-reranker-v3', query: 'q', documents: ['d'], task: 'x' },
      simulator!.apiKey,
      'rerank',
    );
    expect(extra.status).toBe(422);
  });
});

describe('Jina simulator: billing', () => {
  const body = { model: 'jina-embeddings-v3', input: ['one two three', 'four five'] };
  const send = (signal?: AbortSignal) =>
    fetch(`${simulator!.baseURL}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${simulator!.apiKey}` },
      body: JSON.stringify(body),
      signal,
    });
  /** Sends, then aborts once the server has the request (never before it arrives, even loaded). */
  const sendAndAbortOnArrival = async () => {
    const controller = new AbortController();
    const received = simulator!.stats.requests;
    const sent = send(controller.signal);
    while (simulator!.stats.requests === received) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    await expect(sent).rejects.toThrow();
  };

  it('bills a request whose client aborted before the answer, and one that stalled', async () => {
    await start({ latency: { fixedMs: 600 } });
    const delivered = await post({ ...body, input: ['warm up'] });
    const perRequest = (await post(body)).body.usage.total_tokens as number;
    expect(simulator!.stats.billedTokens).toBe(delivered.body.usage.total_tokens + perRequest);
    simulator!.resetStats();
    expect([simulator!.stats.billedTokens, simulator!.stats.billedRequests]).toEqual([0, 0]);
    // The client gives up as soon as the request arrives, long before the 600-ms model time is
    // over: still billed.
    await sendAndAbortOnArrival();
    // The handler goes on after the client has left: wait for it rather than race it.
    await expect.poll(() => simulator!.stats.billedRequests, { timeout: 5_000 }).toBe(1);
    expect(simulator!.stats.billedTokens).toBe(perRequest);
    expect(simulator!.stats.statuses[200]).toBeUndefined();
    simulator!.faults.force('stall');
    await sendAndAbortOnArrival();
    await expect.poll(() => simulator!.stats.billedRequests, { timeout: 5_000 }).toBe(2);
    expect(simulator!.stats.billedTokens).toBe(2 * perRequest);
    // Only the stall's answer was destroyed by a fault; the abort was the client's own doing.
    expect(simulator!.stats.billedTokensLostToFaults).toBe(perRequest);
  });

  it('bills resets and truncated bodies, not 5xx, 429 or invalid requests', async () => {
    await start({ limits: { requestsPerMinute: 3 } });
    simulator!.faults.force('connectionReset');
    await expect(send()).rejects.toThrow();
    simulator!.faults.force('truncatedBody');
    await expect((await send()).json()).rejects.toThrow();
    simulator!.faults.force('serverError');
    expect((await send()).status).toBe(503);
    expect((await post({ model: 'jina-embeddings-v3', input: [] })).status).not.toBe(200);
    expect((await send()).status).toBe(429);
    const perRequest = simulator!.stats.billedTokens / 2;
    expect(perRequest).toBeGreaterThan(0);
    expect(simulator!.stats.billedRequests).toBe(2);
    expect(simulator!.stats.billedTokensLostToFaults).toBe(2 * perRequest);
    expect(simulator!.stats.tokens).toBe(0);
  });
});
