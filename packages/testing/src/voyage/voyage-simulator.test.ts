import { decodeBase64Floats } from '@embedkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startVoyageSimulator,
  type VoyageSimulator,
  voyageSimulatorKey,
} from './voyage-simulator.js';

interface AnswerBody {
  detail: string;
  data: { embedding: number[] | string; index: number }[];
  usage: { total_tokens: number };
}

let simulator: VoyageSimulator | undefined;
afterEach(async () => simulator?.close());

async function post(body: unknown, key: string | null = voyageSimulatorKey) {
  const response = await fetch(`${simulator!.baseURL}/embeddings`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as AnswerBody,
  };
}

const ok = { model: 'voyage-3.5', input: ['red fox'] };

describe('Voyage simulator', () => {
  it('answers float, base64 and quantised vectors of the same embedding, with usage', async () => {
    simulator = await startVoyageSimulator();
    const float = await post({ ...ok, output_dimension: 256 });
    const base64 = await post({ ...ok, output_dimension: 256, encoding_format: 'base64' });
    const int8 = await post({ ...ok, output_dtype: 'int8', encoding_format: 'base64' });
    const ubinary = await post({ ...ok, output_dtype: 'ubinary' });
    expect(float.body.data[0]!.embedding).toHaveLength(256);
    expect(Array.from(decodeBase64Floats(base64.body.data[0]!.embedding as string))).toEqual(
      Array.from(Float32Array.from(float.body.data[0]!.embedding as number[])),
    );
    expect(Buffer.from(int8.body.data[0]!.embedding as string, 'base64')).toHaveLength(1024);
    expect(ubinary.body.data[0]!.embedding).toHaveLength(128);
    expect(float.body.usage.total_tokens).toBeGreaterThan(0);
  });

  it('refuses what the API refuses, with { detail } and 400', async () => {
    simulator = await startVoyageSimulator();
    const cases: [unknown, RegExp][] = [
      [{ ...ok, dimensions: 256 }, /Unexpected argument 'dimensions'/],
      [{ ...ok, model: 'voyage-9' }, /Model voyage-9 is not supported/],
      [
        { ...ok, input: Array(1001).fill('x') },
        /maximum length of the list \(batch size\) is 1000/,
      ],
      [{ ...ok, input: [''] }, /non-empty/],
      [{ ...ok, input_type: 'search_query' }, /input_type/],
      [{ ...ok, output_dimension: 768 }, /supported values are 256, 512, 1024, 2048/],
      [
        { ...ok, model: 'voyage-law-2', output_dimension: 512 },
        /does not support argument 'output_dimension'/,
      ],
      [{ ...ok, model: 'voyage-finance-2', output_dtype: 'int8' }, /only 'float' is supported/],
      [{ ...ok, encoding_format: 'float' }, /encoding_format/],
      [
        { ...ok, truncation: false, input: ['word '.repeat(33_000)] },
        /exceeds the context length of 32000/,
      ],
      [
        { ...ok, model: 'voyage-3-large', input: Array(5).fill('word '.repeat(30_000)) },
        /max allowed tokens per submitted batch is 120000\. Your batch has 150000 tokens after truncation/,
      ],
    ];
    for (const [body, detail] of cases) {
      const answer = await post(body);
      expect([answer.status, answer.body.detail]).toEqual([400, expect.stringMatching(detail)]);
    }
    expect(simulator.stats.tokens).toBe(0);
  });

  it('counts tokens after truncation: a long input within the cap is cut, not refused', async () => {
    simulator = await startVoyageSimulator();
    const answer = await post({ ...ok, model: 'voyage-law-2', input: ['word '.repeat(20_000)] });
    expect([answer.status, answer.body.usage.total_tokens]).toEqual([200, 16_000]);
  });

  it('refuses a missing or wrong key with 401, without echoing it', async () => {
    simulator = await startVoyageSimulator();
    expect((await post(ok, null)).status).toBe(401);
    const wrong = await post(ok, 'wrong-key-123');
    expect([wrong.status, wrong.body.detail]).toEqual([401, 'Provided API key is invalid.']);
  });

  it('limits tokens per minute with 429 and, when asked, Retry-After', async () => {
    simulator = await startVoyageSimulator({
      limits: { tokensPerMinute: 3 },
      retryAfter: 'seconds',
    });
    expect((await post({ ...ok, input: ['a b c'] })).status).toBe(200);
    const limited = await post(ok);
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toContain('TPM');
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(simulator.arrivals.map((arrival) => arrival.status)).toEqual([200, 429]);
  });
});
