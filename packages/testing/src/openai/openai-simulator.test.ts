import { decodeBase64Floats } from '@embedkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type OpenAISimulator,
  openaiSimulatorKey,
  startOpenAISimulator,
} from './openai-simulator.js';

/** The fields of success and error bodies these tests read. */
interface AnswerBody {
  object: string;
  model: string;
  data: { embedding: number[] | string }[];
  usage: { total_tokens: number };
  error: { message: string; type: string; code: string | null };
}

let simulator: OpenAISimulator | undefined;
afterEach(async () => simulator?.close());

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${simulator!.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${openaiSimulatorKey}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as AnswerBody,
  };
};

describe('OpenAI simulator', () => {
  it('answers float and base64 with the same vectors, usage and a request id', async () => {
    simulator = await startOpenAISimulator();
    const request = { model: 'text-embedding-3-small', input: ['red fox', 'blue whale'] };
    const float = await post('/v1/embeddings', { ...request, encoding_format: 'float' });
    const base64 = await post('/v1/embeddings', {
      ...request,
      encoding_format: 'base64',
      dimensions: 256,
    });
    expect(float.status).toBe(200);
    expect(float.headers.get('x-request-id')).toBeTruthy();
    expect(float.body).toMatchObject({ object: 'list', model: 'text-embedding-3-small' });
    expect(float.body.usage.total_tokens).toBeGreaterThan(0);
    expect(float.body.data[1]!.embedding).toHaveLength(1536);
    const decoded = decodeBase64Floats(base64.body.data[0]!.embedding as string);
    expect(decoded).toHaveLength(256);
    expect(Array.from(decoded)).toEqual(
      Array.from(simulator.expectedVector('red fox', 'text-embedding-3-small', 256)),
    );
    expect(simulator.stats.tokens).toBe(float.body.usage.total_tokens * 2);
  });

  it('validates per model with the documented error body', async () => {
    simulator = await startOpenAISimulator();
    const cases: [unknown, number, string | null][] = [
      [{ model: 'text-embedding-3-small', input: 'x', task: 'query' }, 400, null],
      [{ model: 'text-embedding-ada-002', input: 'x', dimensions: 512 }, 400, null],
      [{ model: 'text-embedding-3-small', input: 'x', dimensions: 2000 }, 400, null],
      [{ model: 'text-embedding-3-small', input: Array(2049).fill('x') }, 400, null],
      [{ model: 'text-embedding-3-small', input: ['word '.repeat(9000)] }, 400, null],
      [
        { model: 'text-embedding-3-small', input: Array(38).fill('word '.repeat(8000)) },
        400,
        'max_tokens_per_request',
      ],
      [{ model: 'no-such-model', input: 'x' }, 404, 'model_not_found'],
      [{ model: 'text-embedding-3-small', input: '' }, 400, null],
    ];
    for (const [body, status, code] of cases) {
      const answer = await post('/v1/embeddings', body);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatchObject({
        code,
        message: expect.any(String),
        type: expect.any(String),
      });
    }
    expect(simulator.stats.tokens).toBe(0);
  });

  it('refuses missing and wrong keys without echoing them, and serves keyless when told', async () => {
    simulator = await startOpenAISimulator();
    const missing = await post(
      '/v1/embeddings',
      { model: 'text-embedding-3-small', input: 'x' },
      { authorization: '' },
    );
    expect(missing.status).toBe(401);
    const wrong = await post(
      '/v1/embeddings',
      { model: 'text-embedding-3-small', input: 'x' },
      { authorization: 'Bearer wrong-key-123456789' },
    );
    expect(wrong.body.error.code).toBe('invalid_api_key');
    expect(wrong.body.error.message).not.toContain('wrong-key-123456789');
    await simulator.close();
    simulator = await startOpenAISimulator({
      apiKey: null,
      models: { 'local-model': { dim: 8, acceptsDimensions: false, maxTokensPerInput: 512 } },
    });
    const keyless = await post(
      '/v1/embeddings',
      { model: 'local-model', input: 'x' },
      { authorization: '' },
    );
    expect(keyless.body.data[0]!.embedding).toHaveLength(8);
  });

  it('answers 429 with x-ratelimit headers and retry-after-ms, and insufficient_quota', async () => {
    simulator = await startOpenAISimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 60_000 },
    });
    const body = { model: 'text-embedding-3-small', input: 'x' };
    expect((await post('/v1/embeddings', body)).status).toBe(200);
    const limited = await post('/v1/embeddings', body);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limit_exceeded');
    expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?m?s$|m/);
    expect(Number(limited.headers.get('retry-after-ms'))).toBeGreaterThan(0);
    simulator.setQuotaExhausted(true);
    const quota = await post('/v1/embeddings', body);
    expect(quota.body.error).toMatchObject({
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    });
  });

  it('serves Azure deployments with api-version and the api-key header', async () => {
    simulator = await startOpenAISimulator({
      azureDeployments: { 'prod-small': 'text-embedding-3-small' },
    });
    const path = '/openai/deployments/prod-small/embeddings';
    const ok = await post(
      `${path}?api-version=2024-10-21`,
      { input: ['a'] },
      { 'api-key': openaiSimulatorKey },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('apim-request-id')).toBeTruthy();
    expect(ok.body.model).toBe('text-embedding-3-small');
    expect((await post(path, { input: ['a'] }, { 'api-key': openaiSimulatorKey })).status).toBe(
      404,
    );
    expect((await post(`${path}?api-version=2024-10-21`, { input: ['a'] })).status).toBe(401);
    expect(simulator.log[0]?.query).toBe('api-version=2024-10-21');
  });
});
