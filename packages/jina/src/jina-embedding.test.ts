import { createRegistry, InvalidInputError } from '@embedkit/core';
import {
  cosine,
  describeEmbeddingFunctionContract,
  jinaSimulatorApiKey,
  simulatedVectors,
  startJinaSimulator,
} from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { createJina } from './jina-embedding.js';
import { jinaModels } from './jina-models.js';
import { jinaProvider } from './jina-provider.js';
import { jinaAt, useJinaSimulator } from './simulator.test-helpers.js';

describeEmbeddingFunctionContract('jina with late chunking (simulator)', async () => {
  const simulator = await startJinaSimulator();
  return {
    embedding: createJina(
      { baseURL: simulator.baseURL, lateChunking: true, dimensions: 64 },
      { apiKey: simulator.apiKey },
    ),
    registry: createRegistry([jinaProvider]),
    secrets: [simulator.apiKey],
    // Late chunking makes a chunk's vector depend on its neighbours, by design.
    deterministic: false,
    teardown: () => simulator.close(),
  };
});

describeEmbeddingFunctionContract('jina (simulator, jina-embeddings-v3, 256 dims)', async () => {
  const simulator = await startJinaSimulator();
  process.env.JINA_CONTRACT_KEY = simulator.apiKey;
  return {
    embedding: createJina({
      baseURL: simulator.baseURL,
      apiKeyEnv: 'JINA_CONTRACT_KEY',
      dimensions: 256,
    }),
    registry: createRegistry([jinaProvider]),
    secrets: [simulator.apiKey],
    teardown: async () => {
      delete process.env.JINA_CONTRACT_KEY;
      await simulator.close();
    },
  };
});

const expectedFields: Record<string, string[]> = {
  'jina-embeddings-v2-base-en': ['embedding_type', 'input', 'model', 'normalized', 'truncate'],
  'jina-embeddings-v3': ['embedding_type', 'input', 'model', 'normalized', 'task', 'truncate'],
  'jina-embeddings-v4': ['embedding_type', 'input', 'model', 'task', 'truncate'],
  'jina-clip-v1': ['embedding_type', 'input', 'model', 'normalized', 'truncate'],
  'jina-clip-v2': ['embedding_type', 'input', 'model', 'normalized', 'task', 'truncate'],
  'jina-embeddings-v5-text-small': ['input', 'model', 'task'],
  'jina-embeddings-v5-text-nano': ['input', 'model', 'task'],
};

const tasks: Record<string, [string | undefined, string | undefined]> = {
  'jina-embeddings-v2-base-en': [undefined, undefined],
  'jina-embeddings-v3': ['retrieval.passage', 'retrieval.query'],
  'jina-embeddings-v4': ['retrieval.passage', 'retrieval.query'],
  'jina-clip-v1': [undefined, undefined],
  'jina-clip-v2': [undefined, 'retrieval.query'],
  'jina-embeddings-v5-text-small': ['retrieval.passage', 'retrieval.query'],
  'jina-embeddings-v5-text-nano': ['retrieval.passage', 'retrieval.query'],
};

describe('jina: every model over real HTTP', () => {
  const simulator = useJinaSimulator();
  beforeEach(() => simulator.current.resetStats());

  for (const model of Object.keys(expectedFields)) {
    it(`${model}: sends exactly the accepted fields and the right tasks; dim matches`, async () => {
      const embedding = jinaAt(simulator.current, { model });
      const documents = await embedding.encodeDocuments(['a passage about cats']);
      const queries = await embedding.encodeQueries(['cats?']);
      expect(documents[0]).toHaveLength(embedding.dim);
      expect(queries[0]).toHaveLength(embedding.dim);
      expect(embedding.dim).toBe(jinaModels[model as keyof typeof jinaModels].dim);
      const [documentBody, queryBody] = simulator.current.embeddingBodies();
      expect(Object.keys(queryBody!).sort()).toEqual(
        expectedFields[model]!.filter((field) => field !== 'task' || tasks[model]![1]),
      );
      const documentFields = expectedFields[model]!.filter(
        (field) => field !== 'task' || tasks[model]![0],
      );
      expect(Object.keys(documentBody!).sort()).toEqual(documentFields);
      expect([documentBody!.task, queryBody!.task]).toEqual(tasks[model]);
      expect(simulator.current.stats.statuses[200]).toBe(2);
    });
  }

  for (const [model, spec] of Object.entries(jinaModels)) {
    if ('multivector' in spec && spec.multivector === 'only') continue;
    it(`${model}: every setting the model supports is accepted by the API`, async () => {
      const allowed = 'dimensions' in spec ? spec.dimensions : undefined;
      const dimensions = allowed === undefined ? undefined : 'min' in allowed ? 48 : allowed[0];
      const accepts = (field: string) => (spec.fields as readonly string[]).includes(field);
      const embedding = jinaAt(simulator.current, {
        model,
        dimensions,
        lateChunking: accepts('late_chunking'),
        normalized: accepts('normalized') ? false : undefined,
        embeddingType: accepts('embedding_type') ? 'float' : undefined,
        truncate: accepts('truncate') ? true : undefined,
        task: 'tasks' in spec ? spec.tasks?.at(-1) : undefined,
      });
      const vectors = [
        ...(await embedding.encodeDocumentGroups([['first chunk', 'second chunk']])).flat(),
        ...(await embedding.encodeQueries(['a query'])),
        ...(await embedding.embed(['configured task'])),
      ];
      expect(vectors.map((vector) => vector.length)).toEqual(Array(4).fill(embedding.dim));
      expect(embedding.dim).toBe(dimensions ?? spec.dim);
      expect(simulator.current.stats.statuses).toEqual({ 200: 3 });
      for (const body of simulator.current.embeddingBodies()) {
        for (const field of Object.keys(body)) {
          expect(['model', 'input', ...spec.fields]).toContain(field);
        }
      }
    });
  }

  it('jina-colbert-v2: sends input_type and returns one vector per token through encodeMultivector', async () => {
    const embedding = jinaAt(simulator.current, { model: 'jina-colbert-v2', dimensions: 96 });
    const [document] = await embedding.encodeMultivector(['three word text']);
    const [query] = await embedding.encodeMultivector(['two words'], { purpose: 'query' });
    expect(document!.map((vector) => vector.length)).toEqual([96, 96, 96]);
    expect(query).toHaveLength(2);
    const [documentBody, queryBody] = simulator.current.embeddingBodies();
    expect(Object.keys(documentBody!).sort()).toEqual([
      'dimensions',
      'embedding_type',
      'input',
      'input_type',
      'model',
    ]);
    expect([documentBody!.input_type, queryBody!.input_type]).toEqual(['document', 'query']);
    expect(embedding.dim).toBe(96);
  });

  it('embed() sends the configured task (default retrieval.passage) and a per-call override', async () => {
    const embedding = jinaAt(simulator.current, { task: 'text-matching', dimensions: 64 });
    await embedding.embed(['x']);
    await jinaAt(simulator.current).embed(['x']);
    await embedding.encodeDocuments(['x'], { task: 'classification' });
    const tasksSent = simulator.current.embeddingBodies().map((body) => body.task);
    expect(tasksSent).toEqual(['text-matching', 'retrieval.passage', 'classification']);
    const error = await embedding
      .embed(['x'], { task: 'clustering' })
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('"separation"');
  });

  it('knows dim without a call for configured dimensions and honours them', async () => {
    const embedding = jinaAt(simulator.current, { dimensions: 32 });
    expect(embedding.dim).toBe(32);
    expect(simulator.current.stats.requests).toBe(0);
    const [vector] = await embedding.encodeDocuments(['matryoshka']);
    expect(vector).toHaveLength(32);
    expect(simulator.current.embeddingBodies()[0]!.dimensions).toBe(32);
  });

  it('decodes base64 (the default) to exactly the float path, and matches the expected vector', async () => {
    const texts = ['the cat sat on the mat', 'stock prices fell'];
    const viaBase64 = await jinaAt(simulator.current, { dimensions: 128 }).encodeDocuments(texts);
    const viaFloat = await jinaAt(simulator.current, {
      dimensions: 128,
      embeddingType: 'float',
    }).encodeDocuments(texts);
    const [base64Body, floatBody] = simulator.current.embeddingBodies();
    expect([base64Body!.embedding_type, floatBody!.embedding_type]).toEqual(['base64', 'float']);
    expect(viaBase64.map((vector) => Array.from(vector))).toEqual(
      viaFloat.map((vector) => Array.from(vector)),
    );
    const expected = simulatedVectors(texts, { dimensions: 128, task: 'retrieval.passage' });
    expect(Array.from(viaBase64[1]!)).toEqual(Array.from(expected[1]!));
  });

  it('decodes each response into one buffer shared by its vectors, equal on both paths', async () => {
    const texts = ['first text', 'second text', 'third text'];
    const viaBase64 = await jinaAt(simulator.current, { dimensions: 64 }).encodeDocuments(texts);
    const viaFloat = await jinaAt(simulator.current, {
      dimensions: 64,
      embeddingType: 'float',
    }).encodeDocuments(texts);
    for (const vectors of [viaBase64, viaFloat]) {
      expect(vectors.every((vector) => vector.buffer === vectors[0]!.buffer)).toBe(true);
      expect(vectors[0]!.buffer.byteLength).toBe(3 * 64 * 4);
      expect(vectors.map((vector) => vector.byteOffset).sort((a, b) => a - b)).toEqual([
        0, 256, 512,
      ]);
    }
    expect(viaBase64.map((vector) => Array.from(vector))).toEqual(
      viaFloat.map((vector) => Array.from(vector)),
    );
    const [kept] = viaBase64;
    expect(kept!.slice().buffer.byteLength).toBe(64 * 4);
  });

  it('unknown models get only the universal fields unless configured', async () => {
    const bare = createJina(
      { model: 'jina-embeddings-v9', baseURL: simulator.current.baseURL },
      { apiKey: jinaSimulatorApiKey },
    );
    expect(bare.dim).toBe(0);
    await bare.encodeDocuments(['x']).catch(() => undefined);
    const configured = createJina(
      {
        model: 'jina-embeddings-v9',
        baseURL: simulator.current.baseURL,
        dimensions: 256,
        task: 'retrieval.passage',
      },
      { apiKey: jinaSimulatorApiKey },
    );
    expect(configured.dim).toBe(256);
    await configured.encodeQueries(['x']).catch(() => undefined);
    const [bareBody, configuredBody] = simulator.current.embeddingBodies();
    expect(Object.keys(bareBody!).sort()).toEqual(['input', 'model']);
    expect(configuredBody).toMatchObject({ dimensions: 256, task: 'retrieval.passage' });
    expect(Object.keys(configuredBody!).sort()).toEqual(['dimensions', 'input', 'model', 'task']);
  });

  it('keeps meaning: a query is closer to the passage that shares its words', async () => {
    const embedding = jinaAt(simulator.current, { dimensions: 256 });
    const [cats, stocks] = await embedding.encodeDocuments([
      'cats purr and sleep',
      'stock markets crashed',
    ]);
    const [query] = await embedding.encodeQueries(['why do cats purr']);
    expect(cosine(query!, cats!)).toBeGreaterThan(cosine(query!, stocks!));
  });
});

describe('jina: response order', () => {
  const simulator = useJinaSimulator({ shuffle: true, seed: 11 });

  it('reorders shuffled data by index', async () => {
    const texts = Array.from(
      { length: 40 },
      (_, index) => `document number ${index} about topic ${index % 7}`,
    );
    const vectors = await jinaAt(simulator.current, { dimensions: 64 }).encodeDocuments(texts);
    const expected = simulatedVectors(texts, { dimensions: 64, task: 'retrieval.passage' });
    expect(vectors.map((vector) => Array.from(vector))).toEqual(
      expected.map((vector) => Array.from(vector)),
    );
  });
});
