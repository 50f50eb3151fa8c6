import { createRegistry, MemoryVectorStore } from '@embedkit/core';
import { type OpenAISimulator, openaiSimulatorKey, startOpenAISimulator } from '@embedkit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiWith, sentBodies } from './openai.test-helpers.js';
import { createOpenAI } from './openai-embedding.js';
import { openaiProvider } from './openai-provider.js';

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator({
    models: { 'local-embed': { dim: 24, acceptsDimensions: true, maxTokensPerInput: 512 } },
  });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.resetStats());

const settings = () => ({ baseURL: simulator.baseURL, apiKey: openaiSimulatorKey });

describe('createOpenAI request bodies', () => {
  it('sends exactly the fields each model accepts', async () => {
    await openaiWith({ ...settings(), model: 'text-embedding-3-small', dimensions: 256 }).embed([
      'a',
    ]);
    await openaiWith({ ...settings(), model: 'text-embedding-ada-002', user: 'user-42' }).embed([
      'a',
    ]);
    await openaiWith({
      ...settings(),
      model: 'text-embedding-3-large',
      encodingFormat: 'float',
    }).embed(['a']);
    expect(sentBodies(simulator.log)).toEqual([
      {
        model: 'text-embedding-3-small',
        input: ['a'],
        encoding_format: 'base64',
        dimensions: 256,
      },
      { model: 'text-embedding-ada-002', input: ['a'], encoding_format: 'base64', user: 'user-42' },
      { model: 'text-embedding-3-large', input: ['a'], encoding_format: 'float' },
    ]);
    expect(simulator.stats.statuses).toEqual({ 200: 3 });
  });

  it('knows the dimension of known models without a call', () => {
    expect(createOpenAI({ model: 'text-embedding-3-small' }).dim).toBe(1536);
    expect(createOpenAI({ model: 'text-embedding-3-large' }).dim).toBe(3072);
    expect(createOpenAI({ model: 'text-embedding-ada-002' }).dim).toBe(1536);
    expect(createOpenAI({ model: 'text-embedding-3-large', dimensions: 1024 }).dim).toBe(1024);
    expect(simulator.stats.requests).toBe(0);
  });

  it('returns the service vectors, base64 equal to float', async () => {
    const inputs = ['The quick brown fox.', 'Milvus stores vectors.', 'Ünïcödé and 日本語'];
    const base64 = await openaiWith({ ...settings(), dimensions: 64 }).encodeDocuments(inputs);
    const float = await openaiWith({
      ...settings(),
      dimensions: 64,
      encodingFormat: 'float',
    }).encodeDocuments(inputs);
    expect(base64.map((vector) => Array.from(vector))).toEqual(
      float.map((vector) => Array.from(vector)),
    );
    expect(Array.from(base64[2]!)).toEqual(
      Array.from(simulator.expectedVector(inputs[2]!, 'text-embedding-3-small', 64)),
    );
  });

  it('encodes queries and documents identically unless prefixes are configured', async () => {
    const plain = openaiWith({ ...settings(), dimensions: 32 });
    const [query] = await plain.encodeQueries(['red fox']);
    const [document] = await plain.encodeDocuments(['red fox']);
    expect(Array.from(query!)).toEqual(Array.from(document!));

    simulator.resetStats();
    const prefixed = openaiWith({
      ...settings(),
      model: 'local-embed',
      queryPrefix: 'query: ',
      documentPrefix: 'passage: ',
    });
    await prefixed.encodeQueries(['red fox']);
    await prefixed.encodeDocuments(['red fox']);
    await prefixed.embed(['red fox']);
    expect(sentBodies(simulator.log).map((body) => body.input)).toEqual([
      ['query: red fox'],
      ['passage: red fox'],
      ['passage: red fox'],
    ]);
    expect(prefixed.space).toMatchObject({ queryPrefix: 'query: ', documentPrefix: 'passage: ' });
  });

  it('sends organization, project, a user agent and per-call headers', async () => {
    await openaiWith({ ...settings(), organization: 'org-1', project: 'proj-2' }).embed(['a'], {
      headers: { 'x-trace-id': 'trace-7' },
    });
    const headers = simulator.log[0]!.headers;
    expect(headers['openai-organization']).toBe('org-1');
    expect(headers['openai-project']).toBe('proj-2');
    expect(headers['x-trace-id']).toBe('trace-7');
    expect(headers['user-agent']).toMatch(/^@embedkit\/openai\//);
    expect(headers.authorization).toBe(`Bearer ${openaiSimulatorKey}`);
  });

  it('accepts any model id: dimensions declared (sent when asked), or learned by one probe', async () => {
    const declared = openaiWith({ ...settings(), model: 'local-embed', dimensions: 24 });
    expect(declared.dim).toBe(24);
    expect((await declared.embed(['a']))[0]).toHaveLength(24);
    expect(sentBodies(simulator.log)[0]).not.toHaveProperty('dimensions');
    const shortened = openaiWith({
      ...settings(),
      model: 'local-embed',
      dimensions: 16,
      sendDimensions: true,
    });
    expect((await shortened.embed(['a']))[0]).toHaveLength(16);
    expect(sentBodies(simulator.log)[1]).toMatchObject({ model: 'local-embed', dimensions: 16 });

    simulator.resetStats();
    const probed = openaiWith({ ...settings(), model: 'local-embed' });
    expect(probed.dim).toBe(0);
    expect(await probed.resolveDim()).toBe(24);
    expect(await probed.resolveDim()).toBe(24);
    expect(simulator.stats.requests).toBe(1);
    expect(sentBodies(simulator.log)[0]).not.toHaveProperty('dimensions');
    expect(probed.toConfig()).toMatchObject({ dim: 24, dimensions: 24 });
    const rebuilt = createRegistry([openaiProvider]).fromConfig(probed.toConfig());
    expect(rebuilt.dim).toBe(24);
  });
});

describe('README quick start', () => {
  it('indexes and searches with a memory store (pointed at the simulator)', async () => {
    const embedding = openaiWith({
      ...settings(),
      model: 'text-embedding-3-small',
      dimensions: 512,
    });
    const store = new MemoryVectorStore({ embedding });
    await store.addDocuments([
      { text: 'Milvus is a vector database.' },
      { text: 'The red fox hunts mice at dawn.' },
    ]);
    const [best] = await store.search('which database stores vectors?', { topK: 1 });
    expect(best?.text).toBe('Milvus is a vector database.');
  });
});
