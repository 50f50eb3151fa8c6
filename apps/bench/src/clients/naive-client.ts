import { request } from 'undici';
import type { BenchClient } from './bench-client.js';
import {
  embedSequentially,
  type RetryCounter,
  tokenSizedBatches,
  withRetries,
} from './tuned-calls.js';

interface EmbeddingsReply {
  data: { index: number; embedding: number[] }[];
}

/**
 * The naive baseline: no library, a plain sequential loop that POSTs token-sized batches to
 * `/v1/embeddings` (float JSON) one at a time, each wrapped in p-retry. What anyone can write in
 * twenty lines; the figure the runner's concurrency and pacing must beat.
 */
export const naiveClient: BenchClient = {
  id: 'naive',
  async create(context) {
    const limits = context.limits;
    if (limits === undefined)
      throw new Error('The naive baseline runs only against a rate-limited service.');
    const counter: RetryCounter = { retries: 0 };
    const post = async (texts: string[]): Promise<number[][]> => {
      const response = await request(`${context.simulatorUrl}/v1/embeddings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${context.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: context.model,
          input: texts,
          task: 'retrieval.passage',
          dimensions: context.dimensions,
        }),
      });
      const body = await response.body.text();
      if (response.statusCode !== 200)
        throw new Error(`HTTP ${response.statusCode}: ${body.slice(0, 200)}`);
      const reply = JSON.parse(body) as EmbeddingsReply;
      return reply.data
        .sort((left, right) => left.index - right.index)
        .map((item) => item.embedding);
    };
    return {
      embedDocuments: (texts) =>
        embedSequentially(tokenSizedBatches(texts, limits), (batch) =>
          withRetries(() => post(batch), limits, counter),
        ),
      embedQuery: async (text) => (await post([text]))[0]!,
      retries: () => counter.retries,
    };
  },
};
