import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OllamaSimulator, startOllamaSimulator } from './ollama-simulator.js';

async function embed(simulator: OllamaSimulator, body: string) {
  const response = await fetch(`${simulator.url}/api/embed`, { method: 'POST', body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('Ollama simulator answers as /api/embed does', () => {
  let simulator: OllamaSimulator;
  beforeAll(async () => {
    simulator = await startOllamaSimulator();
  });
  afterAll(() => simulator.close());

  it('embeds a string or a list; an empty list is 200 with no embeddings', async () => {
    const one = await embed(simulator, JSON.stringify({ model: 'all-minilm', input: 'a' }));
    expect(one.json.embeddings).toHaveLength(1);
    expect((one.json.embeddings as number[][])[0]).toHaveLength(384);
    expect(
      (await embed(simulator, JSON.stringify({ model: 'all-minilm', input: [] }))).json,
    ).toEqual({
      model: 'all-minilm',
      embeddings: [],
    });
  });

  it('refuses as Ollama does', async () => {
    expect(await embed(simulator, JSON.stringify({ model: 'bge-m3', input: ['a'] }))).toEqual({
      status: 404,
      json: { error: 'model "bge-m3" not found, try pulling it first' },
    });
    expect(await embed(simulator, '')).toEqual({
      status: 400,
      json: { error: 'missing request body' },
    });
    expect(
      (await embed(simulator, JSON.stringify({ model: 'all-minilm', input: [1] }))).json,
    ).toEqual({
      error: 'invalid input type',
    });
    expect(
      (
        await embed(
          simulator,
          JSON.stringify({ model: 'all-minilm', input: ['a'], keep_alive: 'later' }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await embed(
          simulator,
          JSON.stringify({ model: 'all-minilm', input: ['a '.repeat(300)], truncate: false }),
        )
      ).json,
    ).toEqual({ error: 'the input length exceeds the context length' });
  });

  it('dimensions truncates and renormalises; a larger value is ignored', async () => {
    const short = await embed(
      simulator,
      JSON.stringify({
        model: 'all-minilm',
        input: [Array.from({ length: 40 }, (_, word) => `word${word}`).join(' ')],
        dimensions: 200,
      }),
    );
    const vector = (short.json.embeddings as number[][])[0]!;
    expect(vector).toHaveLength(200);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    const full = await embed(
      simulator,
      JSON.stringify({ model: 'all-minilm', input: ['a'], dimensions: 999 }),
    );
    expect((full.json.embeddings as number[][])[0]).toHaveLength(384);
  });
});
