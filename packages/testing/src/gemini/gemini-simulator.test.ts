import { afterEach, describe, expect, it } from 'vitest';
import {
  type GeminiSimulator,
  geminiSimulatorKey,
  startGeminiSimulator,
} from './gemini-simulator.js';

interface GoogleAnswer {
  embeddings: { values: number[] }[];
  error: {
    code: number;
    message: string;
    status: string;
    details?: { '@type': string; retryDelay?: string; reason?: string }[];
  };
}

let simulator: GeminiSimulator | undefined;
afterEach(async () => simulator?.close());

const item = (
  text: string,
  extra: Record<string, unknown> = {},
  model = 'gemini-embedding-001',
) => ({
  model: `models/${model}`,
  content: { parts: [{ text }] },
  ...extra,
});

const post = async (
  body: unknown,
  {
    model = 'gemini-embedding-001',
    key = geminiSimulatorKey,
  }: { model?: string; key?: string | null } = {},
) => {
  const response = await fetch(`${simulator!.baseURL}/models/${model}:batchEmbedContents`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { 'x-goog-api-key': key }),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GoogleAnswer,
  };
};

describe('Gemini simulator', () => {
  it('answers in request order, full size normalised and truncated sizes not', async () => {
    simulator = await startGeminiSimulator();
    const full = await post({
      requests: [
        item('red fox', { taskType: 'RETRIEVAL_DOCUMENT', title: 'Foxes' }),
        item('blue whale'),
      ],
    });
    expect(full.status).toBe(200);
    expect(full.body.embeddings.map((embedding) => embedding.values.length)).toEqual([3072, 3072]);
    expect(full.body.embeddings[0]!.values).toEqual(
      Array.from(
        simulator.expectedVector('red fox', { taskType: 'RETRIEVAL_DOCUMENT', title: 'Foxes' }),
      ),
    );
    const short = await post({ requests: [item('red fox', { outputDimensionality: 768 })] });
    const norm = Math.hypot(...short.body.embeddings[0]!.values);
    expect(short.body.embeddings[0]!.values).toHaveLength(768);
    expect(Math.abs(norm - 1)).toBeGreaterThan(1e-3);
  });

  it('refuses what the API refuses, in Google’s error shape', async () => {
    simulator = await startGeminiSimulator();
    const cases: [unknown, string, number][] = [
      [{ requests: [item('x')], extra: 1 }, 'Unknown name "extra"', 400],
      [
        { requests: [item('x', { dimensions: 3 })] },
        'Unknown name "dimensions" at \'requests[0]\'',
        400,
      ],
      [{ requests: [item('x', { taskType: 'QUERY' })] }, 'TaskType', 400],
      [{ requests: [item('x', { taskType: 'CLUSTERING', title: 't' })] }, 'title', 400],
      [{ requests: [item('x', { outputDimensionality: 64 })] }, 'between 128 and 3072', 400],
      [{ requests: Array.from({ length: 101 }, () => item('x')) }, 'at most 100 requests', 400],
      [
        { requests: [item('word '.repeat(3000))] },
        'exceeds the maximum number of tokens allowed (2048)',
        400,
      ],
      [{ requests: [item('x', {}, 'text-embedding-004')] }, 'must match', 400],
    ];
    for (const [body, message, status] of cases) {
      const answer = await post(body);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatchObject({ code: status, status: 'INVALID_ARGUMENT' });
      expect(answer.body.error.message).toContain(message);
    }
    const code = await post(
      { requests: [item('x', { taskType: 'CODE_RETRIEVAL_QUERY' }, 'text-embedding-004')] },
      { model: 'text-embedding-004' },
    );
    expect(code.status).toBe(400);
    const unknownModel = await post({ requests: [item('x', {}, 'nope')] }, { model: 'nope' });
    expect(unknownModel.body.error.status).toBe('NOT_FOUND');
    expect(simulator.stats.tokens).toBe(0);
  });

  it('answers a wrong key 400 API_KEY_INVALID and a missing key 403', async () => {
    simulator = await startGeminiSimulator();
    const wrong = await post({ requests: [item('x')] }, { key: 'wrong-key' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details?.[0]?.reason).toBe('API_KEY_INVALID');
    const missing = await post({ requests: [item('x')] }, { key: null });
    expect(missing.status).toBe(403);
    expect(missing.body.error.status).toBe('PERMISSION_DENIED');
  });

  it('rate-limits with 429 RESOURCE_EXHAUSTED and a RetryInfo delay, no Retry-After header', async () => {
    simulator = await startGeminiSimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 60_000 },
    });
    expect((await post({ requests: [item('x')] })).status).toBe(200);
    const limited = await post({ requests: [item('x')] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    const retryInfo = limited.body.error.details?.find((detail) =>
      detail['@type'].endsWith('RetryInfo'),
    );
    expect(retryInfo?.retryDelay).toMatch(/^\d+(\.\d+)?s$/);
    expect(simulator.calls.map((call) => call.status)).toEqual([200, 429]);
    expect(simulator.calls[1]!.retryDelayMs).toBeGreaterThan(0);
  });
});
