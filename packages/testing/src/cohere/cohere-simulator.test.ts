import { decodeBase64Floats } from '@embedkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CohereSimulator,
  cohereSimulatorKey,
  startCohereSimulator,
} from './cohere-simulator.js';

interface AnswerBody {
  id: string;
  message: string;
  embeddings: Record<string, (number[] | string)[]>;
  meta: { billed_units: { input_tokens: number } };
}

let simulator: CohereSimulator | undefined;
afterEach(async () => simulator?.close());

async function post(body: unknown, key: string | null = cohereSimulatorKey) {
  const response = await fetch(`${simulator!.baseURL}/v2/embed`, {
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

const ok = { model: 'embed-v4.0', input_type: 'search_document', texts: ['red fox'] };

describe('Cohere simulator', () => {
  it('answers every embedding type for the same vector, with billed units', async () => {
    simulator = await startCohereSimulator();
    const answer = await post({
      ...ok,
      embedding_types: ['float', 'base64', 'int8', 'ubinary'],
      output_dimension: 256,
    });
    expect(answer.status).toBe(200);
    const float = answer.body.embeddings.float![0] as number[];
    expect(float).toHaveLength(256);
    expect(Array.from(decodeBase64Floats(answer.body.embeddings.base64![0] as string))).toEqual(
      Array.from(Float32Array.from(float)),
    );
    expect(answer.body.embeddings.int8![0]).toHaveLength(256);
    expect(answer.body.embeddings.ubinary![0]).toHaveLength(32);
    expect(answer.body.meta.billed_units.input_tokens).toBeGreaterThan(0);
  });

  it('refuses what the API refuses, with { id, message } and the status', async () => {
    simulator = await startCohereSimulator();
    const cases: [unknown, number, RegExp][] = [
      [{ ...ok, dimensions: 256 }, 400, /unknown field "dimensions"/],
      [{ ...ok, model: 'embed-v9.0' }, 404, /model 'embed-v9.0' not found/],
      [{ ...ok, input_type: 'query' }, 400, /valid input_type must be provided/],
      [{ ...ok, input_type: undefined }, 400, /valid input_type/],
      [{ ...ok, texts: Array(97).fill('x') }, 400, /at most 96 - received 97/],
      [{ ...ok, output_dimension: 768 }, 400, /must be one of 256, 512, 1024, 1536/],
      [
        { ...ok, model: 'embed-english-v3.0', output_dimension: 256 },
        400,
        /not supported for model/,
      ],
      [{ ...ok, embedding_types: ['float16'] }, 400, /embedding_types/],
      [{ ...ok, truncate: 'MIDDLE' }, 400, /truncate must be one of/],
      [{ ...ok, texts: [''] }, 400, /empty string at index 0/],
      [
        { ...ok, inputs: [{ content: [{ type: 'text', text: 'x' }] }] },
        400,
        /exactly one of texts/,
      ],
      [
        {
          ...ok,
          model: 'embed-english-v3.0',
          texts: undefined,
          inputs: [
            { content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
            { content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
          ],
        },
        400,
        /images must be at most 1/,
      ],
      [
        { ...ok, model: 'embed-english-v3.0', truncate: 'NONE', texts: ['word '.repeat(600)] },
        400,
        /too many tokens/,
      ],
      [{ ...ok, texts: Array(30).fill('word '.repeat(5000)) }, 400, /cannot exceed 128000/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await post(body);
      expect([answer.status, answer.body.message]).toEqual([
        status,
        expect.stringMatching(message),
      ]);
      expect(answer.body.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(simulator.stats.tokens).toBe(0);
  });

  it('refuses a missing or wrong key with 401, without echoing it', async () => {
    simulator = await startCohereSimulator();
    expect((await post(ok, null)).body.message).toBe('no api key supplied');
    const wrong = await post(ok, 'wrong-key-123');
    expect([wrong.status, wrong.body.message]).toEqual([401, 'invalid api token']);
  });

  it('limits inputs per minute with 429 and, when asked, Retry-After', async () => {
    simulator = await startCohereSimulator({
      limits: { inputsPerMinute: 3 },
      retryAfter: 'seconds',
    });
    expect((await post({ ...ok, texts: ['a', 'b', 'c'] })).status).toBe(200);
    const limited = await post(ok);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toContain('past the per minute request limit');
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(simulator.arrivals.map((arrival) => arrival.status)).toEqual([200, 429]);
  });
});
