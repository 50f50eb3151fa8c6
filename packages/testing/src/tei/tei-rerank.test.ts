import { afterEach, describe, expect, it } from 'vitest';
import { simulatedTEIRerankScore } from './tei-rerank-route.js';
import { startTEISimulator, type TEISimulator } from './tei-simulator.js';

/** A rank list, an `{ error, error_type }` body, or a plain-text rejection. */
type TEIAnswer = { index: number; score: number }[] & { error?: string; error_type?: string };

let simulator: TEISimulator | undefined;
afterEach(async () => simulator?.close());

async function post(path: string, body: unknown, token?: string) {
  const response = await fetch(`${simulator!.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, body: parsed as TEIAnswer };
}

const texts = ['cats purr when content', 'the stock market fell', 'why cats purr'];
const ok = { query: 'why do cats purr', texts };

describe('TEI simulator: /rerank', () => {
  it('answers [{ index, score }] best first, sigmoid scores or raw logits, text on request', async () => {
    simulator = await startTEISimulator({ modelType: 'reranker' });
    const answer = await post('/rerank', { ...ok, return_text: true });
    expect(answer.status).toBe(200);
    const scores = texts.map((text) => simulatedTEIRerankScore(ok.query, text));
    const order = [0, 1, 2].sort((left, right) => scores[right]! - scores[left]!);
    expect(answer.body).toEqual(
      order.map((index) => ({ index, text: texts[index], score: scores[index] })),
    );
    const raw = await post('/rerank', { ...ok, raw_scores: true });
    expect(raw.body.map((rank) => rank.index)).toEqual(order);
    expect(raw.body[0]!.score).toBeCloseTo(
      Math.log(scores[order[0]!]! / (1 - scores[order[0]!]!)),
      9,
    );
  });

  it('refuses what TEI refuses, with its error types and statuses', async () => {
    simulator = await startTEISimulator({
      modelType: 'reranker',
      maxClientBatchSize: 2,
      maxInputLength: 16,
      autoTruncate: false,
    });
    const empty = await post('/rerank', { ...ok, texts: [] });
    expect(empty).toEqual({
      status: 400,
      body: { error: 'Input validation error: `texts` cannot be empty', error_type: 'Empty' },
    });
    const tooMany = await post('/rerank', ok);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatch(/batch size 3 > maximum allowed batch size 2/);
    const tooLong = await post('/rerank', { ...ok, texts: ['word '.repeat(40)] });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error).toMatch(/must have less than 16 tokens/);
    expect(
      (await post('/rerank', { ...ok, texts: ['word '.repeat(40)], truncate: true })).status,
    ).toBe(200);
    const missing = await post('/rerank', { texts });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatch(/missing field `query`/);
    expect((await post('/embed', { inputs: ['x'] })).body.error_type).toBe('Backend');
  });

  it('answers 424 on an embedding model, and 401 without the configured token', async () => {
    simulator = await startTEISimulator({ apiKey: 'secret-token' });
    expect((await post('/rerank', ok)).status).toBe(401);
    const answer = await post('/rerank', ok, 'secret-token');
    expect(answer).toEqual({
      status: 424,
      body: { error: 'model is not a re-ranker model', error_type: 'Backend' },
    });
  });
});
