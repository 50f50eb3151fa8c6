import { decodeBase64Floats } from '@embedkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type MistralSimulator,
  mistralSimulatorKey,
  startMistralSimulator,
} from './mistral-simulator.js';

interface Answer {
  data: { embedding: number[] | string; index: number }[];
  usage: { total_tokens: number };
  object: string;
  message: unknown;
  type: string;
  code: string | null;
}

let simulator: MistralSimulator | undefined;
afterEach(async () => simulator?.close());

const post = async (body: unknown, key: string | null = mistralSimulatorKey) => {
  const response = await fetch(`${simulator!.baseURL}/embeddings`, {
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
    body: (await response.json()) as Answer,
  };
};

describe('Mistral simulator', () => {
  it('answers floats, base64 and quantised integers', async () => {
    simulator = await startMistralSimulator();
    const float = await post({ model: 'mistral-embed', input: ['red fox', 'blue whale'] });
    expect(float.body.data.map((item) => (item.embedding as number[]).length)).toEqual([
      1024, 1024,
    ]);
    expect(float.body.usage.total_tokens).toBeGreaterThan(0);
    const base64 = await post({
      model: 'codestral-embed',
      input: ['red fox'],
      output_dimension: 512,
      encoding_format: 'base64',
    });
    expect(Array.from(decodeBase64Floats(base64.body.data[0]!.embedding as string))).toEqual(
      Array.from(simulator.expectedVector('red fox', 'codestral-embed', 512)),
    );
    const binary = await post({
      model: 'codestral-embed',
      input: ['red fox'],
      output_dimension: 10,
      output_dtype: 'binary',
    });
    expect(binary.body.data[0]!.embedding).toHaveLength(2);
    const int8 = await post({ model: 'codestral-embed', input: ['red fox'], output_dtype: 'int8' });
    expect(
      (int8.body.data[0]!.embedding as number[]).every(
        (value) => Number.isInteger(value) && value >= -128 && value <= 127,
      ),
    ).toBe(true);
  });

  it('refuses unknown fields with 422 and what the model or the caps do not allow with 400', async () => {
    simulator = await startMistralSimulator();
    const extra = await post({ model: 'mistral-embed', input: ['x'], dimensions: 5 });
    expect(extra.status).toBe(422);
    expect(JSON.stringify(extra.body.message)).toContain('extra_forbidden');
    const cases: [unknown, string | null][] = [
      [{ model: 'mistral-embed', input: ['x'], output_dimension: 256 }, null],
      [{ model: 'mistral-embed', input: ['x'], output_dtype: 'int8' }, null],
      [{ model: 'codestral-embed', input: ['x'], output_dimension: 4000 }, null],
      [{ model: 'mistral-embed', input: Array(513).fill('x') }, '3210'],
      [{ model: 'mistral-embed', input: ['word '.repeat(9000)] }, '3210'],
      [{ model: 'mistral-embed', input: Array(10).fill('word '.repeat(2000)) }, '3210'],
      [{ model: 'mistral-embedx', input: ['x'] }, '1500'],
    ];
    for (const [body, code] of cases) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ object: 'error', code });
    }
    expect(simulator.stats.tokens).toBe(0);
  });

  it('answers 401 Unauthorized without echoing the key, and 429 rate_limited with the minute headers', async () => {
    simulator = await startMistralSimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 60_000 },
      retryAfter: 'seconds',
    });
    const wrong = await post({ model: 'mistral-embed', input: ['x'] }, 'wrong-key');
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('wrong-key');
    const ok = await post({ model: 'mistral-embed', input: ['x'] });
    expect(ok.headers.get('x-ratelimit-remaining-req-minute')).toBe('0');
    const limited = await post({ model: 'mistral-embed', input: ['x'] });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ type: 'rate_limited', code: '1300' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
