import { createOpenAI } from '@embedkit/openai';
import { startOpenAISimulator } from '@embedkit/testing';
import { OpenAIEmbeddings } from '@langchain/openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toLangChain } from './embedkit-embeddings.js';
import { fromLangChain } from './langchain-embedding.js';

// The README's examples as written, each pointed at the simulator (a baseURL is all that differs).
describe('README', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('quick start: fromLangChain over OpenAIEmbeddings reading OPENAI_API_KEY', async () => {
    const simulator = await startOpenAISimulator();
    try {
      vi.stubEnv('OPENAI_API_KEY', simulator.apiKey);
      const embeddings = new OpenAIEmbeddings({
        model: 'text-embedding-3-small',
        maxRetries: 0,
        configuration: { baseURL: simulator.baseURL },
      });
      const embedding = fromLangChain(embeddings, {
        dimensions: 1536,
        rateLimit: { requestsPerMinute: 3000 },
      });
      const passages = await embedding.encodeDocuments([
        'Milvus is a vector database.',
        'Foxes hunt mice.',
      ]);
      const [query] = await embedding.encodeQueries(['which database stores vectors?']);
      expect([passages.length, query?.length]).toEqual([2, 1536]);
    } finally {
      await simulator.close();
    }
  });

  it('toLangChain: an embedkit function as LangChain Embeddings', async () => {
    const simulator = await startOpenAISimulator();
    try {
      vi.stubEnv('OPENAI_API_KEY', simulator.apiKey);
      const embeddings = toLangChain(
        createOpenAI({ model: 'text-embedding-3-small', baseURL: simulator.baseURL }),
      );
      const vectors = await embeddings.embedDocuments(['a first text', 'a second text']);
      const vector = await embeddings.embedQuery('a question');
      expect([vectors.length, vector.length]).toEqual([2, 1536]);
    } finally {
      await simulator.close();
    }
  });

  it('migration: the five lines after new OpenAIEmbeddings() give the same vectors, in order', async () => {
    const simulator = await startOpenAISimulator();
    try {
      vi.stubEnv('OPENAI_API_KEY', simulator.apiKey);
      const configuration = { baseURL: simulator.baseURL };
      const texts = Array.from({ length: 200 }, (_, index) => `document number ${index}`);
      const before = await new OpenAIEmbeddings({
        model: 'text-embedding-3-small',
        configuration,
      }).embedDocuments(texts);
      const embeddings = new OpenAIEmbeddings({
        model: 'text-embedding-3-small',
        maxRetries: 0,
        configuration,
      });
      const embedding = fromLangChain(embeddings, {
        rateLimit: { requestsPerMinute: 3000, tokensPerMinute: 1_000_000 },
      });
      const vectors = await embedding.encodeDocuments(texts);
      expect(vectors.map((vector) => Array.from(vector))).toEqual(
        before.map((vector) => Array.from(Float32Array.from(vector))),
      );
      expect(() =>
        fromLangChain(new OpenAIEmbeddings({ model: 'text-embedding-3-small', configuration })),
      ).toThrow(/maxRetries: 0/);
    } finally {
      await simulator.close();
    }
  });
});
