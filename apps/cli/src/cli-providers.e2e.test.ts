import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type JinaSimulator,
  type OpenAISimulator,
  startJinaSimulator,
  startOpenAISimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));

describe('embedkit CLI: switching providers is one config edit', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedkit-cli-providers-'));
  cpSync(join(corpus, 'glaciers.md'), join(cwd, 'docs', 'glaciers.md'), { recursive: true });
  cpSync(join(corpus, 'coffee.md'), join(cwd, 'docs', 'coffee.md'));
  let jina: JinaSimulator;
  let openai: OpenAISimulator;
  beforeAll(async () => {
    jina = await startJinaSimulator();
    openai = await startOpenAISimulator();
  });
  afterAll(async () => {
    await jina?.close();
    await openai?.close();
  });

  const embeddings = () => ({
    hashing: { provider: 'hashing', dimensions: 128 },
    jina: { provider: 'jina', model: 'jina-embeddings-v3', dimensions: 128, baseURL: jina.baseURL },
    openai: {
      provider: 'openai',
      model: 'text-embedding-3-small',
      dimensions: 128,
      baseURL: openai.baseURL,
    },
  });

  for (const provider of ['hashing', 'jina', 'openai'] as const) {
    it(`indexes and searches with ${provider}`, async () => {
      writeFileSync(
        join(cwd, 'embedkit.config.json'),
        JSON.stringify({
          embedding: embeddings()[provider],
          store: { kind: 'memory', path: `${provider}.json`, collection: 'docs' },
        }),
      );
      const env = { JINA_API_KEY: jina.apiKey, OPENAI_API_KEY: openai.apiKey ?? '' };
      const index = await runBuiltCli(['index', 'docs', '--json'], { cwd, env });
      expect(index.stderr).not.toContain('embedkit:');
      expect(index.code).toBe(0);
      expect(JSON.parse(index.stdout).storedChunks).toBeGreaterThan(2);
      const search = await runBuiltCli(['search', 'why is glacier ice blue', '--json', '-k', '1'], {
        cwd,
        env,
      });
      const [best] = JSON.parse(search.stdout).results;
      expect(best.metadata.source).toBe('docs/glaciers.md');
      const config = JSON.parse((await runBuiltCli(['config'], { cwd, env })).stdout);
      expect(config.embedding.provider).toBe(provider);
      const printed = JSON.stringify(config);
      expect(printed).not.toContain(jina.apiKey);
      if (openai.apiKey) expect(printed).not.toContain(openai.apiKey);
    });
  }

  it('sends each document in one request with Jina late chunking, never split or merged', async () => {
    writeFileSync(
      join(cwd, 'embedkit.config.json'),
      JSON.stringify({
        embedding: { ...embeddings().jina, lateChunking: true },
        store: { kind: 'memory', path: 'late.json', collection: 'docs' },
        chunking: { size: 64, overlap: 0 },
      }),
    );
    jina.resetStats();
    const run = await runBuiltCli(['index', 'docs', '--json'], {
      cwd,
      env: { JINA_API_KEY: jina.apiKey },
    });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    const requests = jina.log.filter((entry) => entry.path === '/v1/embeddings');
    expect(requests).toHaveLength(2);
    const sizes = requests.map(
      (entry) => (entry.body as { input: unknown[]; late_chunking: boolean }).input.length,
    );
    expect(sizes.reduce((total, size) => total + size, 0)).toBe(summary.storedChunks);
    expect(Math.min(...sizes)).toBeGreaterThan(1);
    for (const entry of requests)
      expect((entry.body as { late_chunking: boolean }).late_chunking).toBe(true);
  });
});
