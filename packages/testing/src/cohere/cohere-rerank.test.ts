import { afterEach, describe, expect, it } from 'vitest';
import { simulatedRelevance } from '../jina/jina-rerank-route.js';
import {
  type CohereSimulator,
  cohereSimulatorKey,
  startCohereSimulator,
} from './cohere-simulator.js';

interface RerankAnswer {
  id: string;
  message: string;
  results: { index: number; relevance_score: number }[];
  meta: { billed_units: Record<string, number> };
}

let simulator: CohereSimulator | undefined;
afterEach(async () => simulator?.close());

async function rerank(body: unknown, key: string | null = cohereSimulatorKey) {
  const response = await fetch(`${simulator!.baseURL}/v2/rerank`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as RerankAnswer };
}

const documents = ['cats purr when content', 'the stock market fell', 'why cats purr'];
const ok = { model: 'rerank-v3.5', query: 'why do cats purr', documents };

describe('Cohere simulator: /v2/rerank', () => {
  it('answers results best first with absolute scores, top_n, and search units', async () => {
    simulator = await startCohereSimulator();
    const answer = await rerank({ ...ok, top_n: 2 });
    expect(answer.status).toBe(200);
    const scores = documents.map((document) => simulatedRelevance(ok.query, document));
    const order = [0, 1, 2].sort((left, right) => scores[right]! - scores[left]!);
    expect(answer.body.results).toEqual(
      order.slice(0, 2).map((index) => ({ index, relevance_score: scores[index] })),
    );
    expect(answer.body.meta.billed_units).toEqual({ search_units: 1 });
    expect(typeof answer.body.id).toBe('string');
  });

  it('refuses what Cohere refuses, with { id, message }', async () => {
    simulator = await startCohereSimulator();
    const cases: [unknown, number, RegExp][] = [
      [{ ...ok, return_documents: true }, 400, /unknown field "return_documents"/],
      [{ ...ok, model: undefined }, 400, /model parameter is required/],
      [{ ...ok, model: 'rerank-v9' }, 404, /model 'rerank-v9' not found/],
      [{ ...ok, query: '' }, 400, /query must be a non-empty string/],
      [{ ...ok, documents: [] }, 400, /non-empty list/],
      [{ ...ok, documents: [{ text: 'object' }] }, 400, /list of strings/],
      [{ ...ok, documents: Array(10_001).fill('d') }, 400, /too many documents, got 10001/],
      [{ ...ok, top_n: 0 }, 400, /top_n must be a positive integer/],
      [{ ...ok, max_tokens_per_doc: 1.5 }, 400, /max_tokens_per_doc/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await rerank(body);
      expect(answer.status).toBe(status);
      expect(answer.body.message).toMatch(message);
      expect(typeof answer.body.id).toBe('string');
    }
    expect((await rerank(ok, null)).status).toBe(401);
    expect((await rerank(ok, 'wrong')).body.message).toBe('invalid api token');
  });

  it('limits rerank requests per minute on their own, with 429', async () => {
    simulator = await startCohereSimulator({
      limits: { rerankRequestsPerMinute: 2, inputsPerMinute: 1 },
    });
    expect((await rerank(ok)).status).toBe(200);
    expect((await rerank(ok)).status).toBe(200);
    const limited = await rerank(ok);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/per minute/);
  });
});
