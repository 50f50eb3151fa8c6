import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CohereSimulator,
  cohereSimulatorKey,
  simulatedRelevance,
  startCohereSimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));
const query = 'why do honey bees dance';

describe('embedkit search with a reranker from config (Cohere simulator)', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedkit-cli-rerank-'));
  cpSync(corpus, join(cwd, 'corpus'), { recursive: true });
  let cohere: CohereSimulator;
  const env = () => ({ COHERE_API_KEY: cohereSimulatorKey });
  const writeConfig = (rerank: Record<string, unknown> | undefined) =>
    writeFileSync(
      join(cwd, 'embedkit.config.json'),
      JSON.stringify({
        embedding: { provider: 'hashing' },
        store: { kind: 'memory', path: 'store.json', collection: 'demo' },
        ...(rerank ? { rerank } : {}),
      }),
    );
  const cohereRerank = (settings: Record<string, unknown> = {}) => ({
    provider: 'cohere',
    model: 'rerank-v3.5',
    baseURL: cohere.baseURL,
    candidates: 12,
    ...settings,
  });
  const rerankBodies = () =>
    cohere.log
      .filter((entry) => entry.path === '/v2/rerank')
      .map((entry) => entry.body as { documents: string[]; query: string; top_n: number });

  beforeAll(async () => {
    cohere = await startCohereSimulator();
    writeConfig(undefined);
    const index = await runBuiltCli(['index', 'corpus', '--json'], { cwd });
    expect(index.code).toBe(0);
  });
  afterAll(async () => {
    await cohere?.close();
  });
  beforeEach(() => cohere.resetStats());

  it('fetches `candidates` hits and returns the best topK in the reranker order', async () => {
    writeConfig(cohereRerank());
    const run = await runBuiltCli(['search', query, '--json', '-k', '3'], { cwd, env: env() });
    expect(run.stderr).not.toContain('embedkit:');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    const [body] = rerankBodies();
    expect(rerankBodies()).toHaveLength(1);
    expect(body!.query).toBe(query);
    expect(body!.documents).toHaveLength(12);
    const expected = body!.documents
      .map((text) => ({ text, score: simulatedRelevance(query, text) }))
      .sort((left, right) => right.score - left.score)
      .slice(0, 3);
    expect(output.results.map((hit: { text: string }) => hit.text)).toEqual(
      expected.map((hit) => hit.text),
    );
    expect(output.results[0].score).toBeCloseTo(expected[0]!.score, 6);
    expect(output.reranker).toMatchObject({ provider: 'cohere', model: 'rerank-v3.5' });
    expect(run.stdout).not.toContain(cohereSimulatorKey);
  });

  it('skips the reranker with --no-rerank, and --rerank without a config is a usage error', async () => {
    writeConfig(cohereRerank());
    const plain = await runBuiltCli(['search', query, '--json', '-k', '3', '--no-rerank'], {
      cwd,
      env: env(),
    });
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).reranker).toBeUndefined();
    expect(cohere.stats.requests).toBe(0);

    writeConfig(undefined);
    const refused = await runBuiltCli(['search', query, '--rerank'], { cwd, env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--rerank needs a reranker in the config');
    expect(cohere.stats.requests).toBe(0);
  });

  it('reports a bad rerank config with its path before any request', async () => {
    writeConfig(cohereRerank({ maxDocumentsPerCall: 0 }));
    const badSetting = await runBuiltCli(['search', query], { cwd, env: env() });
    expect(badSetting.code).toBe(2);
    expect(badSetting.stderr).toContain('rerank.maxDocumentsPerCall');

    writeConfig({ provider: 'nope' });
    const unknown = await runBuiltCli(['search', query], { cwd, env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown reranker "nope"; expected one of "jina", "cohere", "voyage", "tei"',
    );
    expect(cohere.stats.requests).toBe(0);
  });

  it('shows the reranker in `embedkit config` with its key variables, never the key', async () => {
    writeConfig(cohereRerank({ apiKeyEnv: 'MY_RERANK_KEY' }));
    const run = await runBuiltCli(['config'], { cwd, env: { MY_RERANK_KEY: cohereSimulatorKey } });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.rerank).toMatchObject({
      provider: 'cohere',
      model: 'rerank-v3.5',
      apiKeyEnv: 'MY_RERANK_KEY',
      candidates: 12,
    });
    expect(printed.secrets['rerank (cohere)']).toEqual({
      MY_RERANK_KEY: 'set',
      COHERE_API_KEY: 'not set',
      CO_API_KEY: 'not set',
    });
    expect(run.stdout).not.toContain(cohereSimulatorKey);
  });
});
