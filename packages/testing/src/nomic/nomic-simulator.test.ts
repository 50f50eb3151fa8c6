import { afterEach, describe, expect, it } from 'vitest';
import { type NomicSimulator, nomicSimulatorKey, startNomicSimulator } from './nomic-simulator.js';

let simulator: NomicSimulator | undefined;
afterEach(async () => simulator?.close());

const post = async (body: unknown, key: string | null = nomicSimulatorKey) => {
  const response = await fetch(`${simulator!.baseURL}/v1/embedding/text`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { embeddings: number[][]; detail: unknown },
  };
};

describe('Nomic simulator', () => {
  it('answers with task-dependent vectors, Matryoshka prefixes and long-text handling', async () => {
    simulator = await startNomicSimulator();
    const base = { model: 'nomic-embed-text-v1.5', texts: ['red fox'] };
    const document = await post({ ...base, task_type: 'search_document' });
    const query = await post({ ...base, task_type: 'search_query', dimensionality: 128 });
    expect(document.body.embeddings[0]).toHaveLength(768);
    expect(query.body.embeddings[0]).toHaveLength(128);
    expect(query.body.embeddings[0]).toEqual(
      Array.from(
        simulator.expectedVector('red fox', { taskType: 'search_query', dimensionality: 128 }),
      ),
    );
    const long = Array.from({ length: 9000 }, (_, index) => `word${index}`).join(' ');
    const truncated = await post({ ...base, texts: [long], long_text_mode: 'truncate' });
    const averaged = await post({
      ...base,
      texts: [long],
      long_text_mode: 'mean',
      max_tokens_per_text: 30_000,
    });
    expect(truncated.status).toBe(200);
    expect(averaged.body.embeddings[0]).not.toEqual(truncated.body.embeddings[0]);
  });

  it('refuses what the API refuses with FastAPI 422 bodies, and bad keys with 401', async () => {
    simulator = await startNomicSimulator();
    for (const body of [
      { texts: ['x'], model: 'nomic-embed-text-v1.5', dimensions: 5 },
      { texts: ['x'], model: 'nomic-embed-text-v1', dimensionality: 256 },
      { texts: ['x'], model: 'nomic-embed-text-v1.5', dimensionality: 32 },
      { texts: ['x'], task_type: 'search_passage' },
      { texts: ['x'], long_text_mode: 'split' },
      { texts: Array(51).fill('x') },
      { texts: ['x'], model: 'nomic-embed-text-v9' },
    ]) {
      const answer = await post(body);
      expect(answer.status).toBe(422);
      expect(Array.isArray(answer.body.detail)).toBe(true);
    }
    expect((await post({ texts: ['x'] }, 'nk-wrong')).status).toBe(401);
    expect((await post({ texts: ['x'] }, null)).status).toBe(401);
    expect(simulator.stats.tokens).toBe(0);
  });
});
