import { afterEach, describe, expect, it } from 'vitest';
import { simulatedRelevance } from '../jina/jina-rerank-route.js';
import { countTokens } from '../simulators/token-count.js';
import {
  startVoyageSimulator,
  type VoyageSimulator,
  voyageSimulatorKey,
} from './voyage-simulator.js';

interface RerankAnswer {
  object: string;
  detail: string;
  data: { index: number; relevance_score: number; document?: string }[];
  usage: { total_tokens: number };
}

let simulator: VoyageSimulator | undefined;
afterEach(async () => simulator?.close());

async function rerank(body: unknown, key: string | null = voyageSimulatorKey) {
  const response = await fetch(`${simulator!.baseURL}/rerank`, {
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
const ok = { model: 'rerank-2.5', query: 'why do cats purr', documents };

describe('Voyage simulator: /v1/rerank', () => {
  it('answers data best first, top_k, return_documents, and usage as Voyage counts it', async () => {
    simulator = await startVoyageSimulator();
    const answer = await rerank({ ...ok, top_k: 2, return_documents: true });
    expect(answer.status).toBe(200);
    expect(answer.body.object).toBe('list');
    const scores = documents.map((document) => simulatedRelevance(ok.query, document));
    const order = [0, 1, 2].sort((left, right) => scores[right]! - scores[left]!);
    expect(answer.body.data).toEqual(
      order.slice(0, 2).map((index) => ({
        relevance_score: scores[index],
        index,
        document: documents[index],
      })),
    );
    const queryTokens = countTokens(ok.query);
    expect(answer.body.usage.total_tokens).toBe(
      documents.reduce((sum, document) => sum + queryTokens + countTokens(document), 0),
    );
  });

  it('refuses what Voyage refuses, with { detail }', async () => {
    simulator = await startVoyageSimulator();
    const long = 'word '.repeat(9000);
    const cases: [unknown, RegExp][] = [
      [{ ...ok, top_n: 2 }, /Unexpected argument 'top_n'/],
      [{ ...ok, model: 'rerank-9' }, /Model rerank-9 is not supported/],
      [{ ...ok, documents: [] }, /non-empty list/],
      [{ ...ok, documents: Array(1001).fill('d') }, /cannot exceed 1000, but got 1001/],
      [{ ...ok, top_k: 0 }, /top_k/],
      [{ ...ok, truncation: 'yes' }, /truncation/],
      [{ ...ok, query: long, truncation: false }, /exceeds the 8000-token limit/],
      [
        { ...ok, model: 'rerank-lite-1', documents: [long], truncation: false },
        /exceeds the 4000-token context length/,
      ],
      [
        { ...ok, model: 'rerank-1', documents: Array(40).fill('word '.repeat(7900)) },
        /max allowed tokens per submitted batch is 300000/,
      ],
    ];
    for (const [body, detail] of cases) {
      const answer = await rerank(body);
      expect(answer.status).toBe(400);
      expect(answer.body.detail).toMatch(detail);
    }
    expect((await rerank({ ...ok, query: long })).status).toBe(200);
    expect((await rerank(ok, null)).status).toBe(401);
  });

  it('counts rerank tokens against the same TPM limit, with 429', async () => {
    simulator = await startVoyageSimulator({ limits: { tokensPerMinute: 40 } });
    expect((await rerank(ok)).status).toBe(200);
    const limited = await rerank(ok);
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toMatch(/TPM/);
  });
});
