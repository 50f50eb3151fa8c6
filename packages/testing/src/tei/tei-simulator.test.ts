import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTEISimulator, type TEISimulator } from './tei-simulator.js';

async function post(simulator: TEISimulator, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${simulator.url}/embed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json')
    ? JSON.parse(text)
    : undefined;
  return { status: response.status, text, json };
}

describe('TEI simulator refuses what TEI refuses', () => {
  let simulator: TEISimulator;
  beforeAll(async () => {
    simulator = await startTEISimulator({
      dim: 16,
      maxClientBatchSize: 2,
      maxInputLength: 8,
      autoTruncate: false,
      prompts: { query: 'query: ' },
      payloadLimit: 300,
    });
  });
  afterAll(() => simulator.close());

  it('serves /info with the limits and no dimension', async () => {
    const response = await fetch(`${simulator.url}/info`);
    const info = (await response.json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      max_client_batch_size: 2,
      max_input_length: 8,
      auto_truncate: false,
    });
    expect(Object.keys(info).some((key) => key.includes('dim'))).toBe(false);
  });

  it('answers one vector per input, a single string as a list of one', async () => {
    expect((await post(simulator, { inputs: ['a', 'b'] })).json).toHaveLength(2);
    expect((await post(simulator, { inputs: 'a' })).json).toHaveLength(1);
  });

  it('batch size, input length, empty list, prompt, dimensions, payload', async () => {
    expect(await post(simulator, { inputs: ['a', 'b', 'c'] })).toMatchObject({
      status: 422,
      json: {
        error: 'Input validation error: batch size 3 > maximum allowed batch size 2',
        error_type: 'Validation',
      },
    });
    expect(
      (await post(simulator, { inputs: ['one two three four five six seven eight nine'] })).json,
    ).toMatchObject({
      error_type: 'Validation',
      error: expect.stringMatching(/must have less than 8 tokens/),
    });
    expect(await post(simulator, { inputs: [] })).toMatchObject({
      status: 400,
      json: { error_type: 'Empty' },
    });
    expect((await post(simulator, { inputs: ['a'], prompt_name: 'doc' })).json.error).toMatch(
      /not found in the Sentence Transformers prompts. Available prompts: \["query"\]/,
    );
    expect((await post(simulator, { inputs: ['a'], dimensions: 17 })).status).toBe(422);
    expect((await post(simulator, { inputs: ['x'.repeat(400)] })).status).toBe(413);
    expect((await post(simulator, { inputs: [1.5] })).status).toBe(422);
  });

  it('a server with --api-key answers 401 with an empty body', async () => {
    const locked = await startTEISimulator({ apiKey: 'k' });
    try {
      expect(await post(locked, { inputs: ['a'] })).toMatchObject({ status: 401, text: '' });
      expect((await post(locked, { inputs: ['a'] }, { authorization: 'Bearer k' })).status).toBe(
        200,
      );
    } finally {
      await locked.close();
    }
  });
});
