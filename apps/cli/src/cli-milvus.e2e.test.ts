import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type JinaSimulator, startJinaSimulator } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, cliPath, runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));

describe('embedkit CLI with Milvus Lite', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedkit-cli-milvus-'));
  let simulator: JinaSimulator;
  const writeConfig = (name: string, config: unknown) => {
    writeFileSync(join(cwd, name), JSON.stringify(config));
    return name;
  };
  const hashingConfig = () =>
    writeConfig('hashing.json', {
      embedding: { provider: 'hashing', dimensions: 256 },
      store: { kind: 'milvus-lite', path: 'data/milvus.db', collection: 'corpus' },
    });
  const jinaConfig = (collection: string) =>
    writeConfig(`jina-${collection}.json`, {
      embedding: {
        provider: 'jina',
        model: 'jina-embeddings-v3',
        dimensions: 256,
        baseURL: simulator.baseURL,
      },
      store: { kind: 'milvus-lite', path: 'data/milvus.db', collection },
    });

  beforeAll(async () => {
    simulator = await startJinaSimulator({ latency: { fixedMs: 150 } });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('indexes the corpus, searches it, and a re-run neither duplicates nor re-embeds', async () => {
    const config = hashingConfig();
    const first = await runBuiltCli(['--config', config, 'index', corpus, '--json'], { cwd });
    expect(first.stderr).not.toContain('embedkit:');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.collectionCount).toBe(summary.storedChunks);
    const search = await runBuiltCli(
      ['--config', config, 'search', 'waggle dance of honey bees', '--json', '-k', '3'],
      {
        cwd,
      },
    );
    expect(JSON.parse(search.stdout).results[0].metadata.source).toMatch(/honey-bees\.md$/);
    const again = JSON.parse(
      (await runBuiltCli(['--config', config, 'index', corpus, '--json'], { cwd })).stdout,
    );
    expect(again.storedChunks).toBe(0);
    expect(again.skipped).toBe(summary.documents);
    expect(again.collectionCount).toBe(summary.collectionCount);
  });

  it('switches to Jina by one config edit, and refuses to search a collection built with another space', async () => {
    const config = jinaConfig('corpus_jina');
    simulator.resetStats();
    const run = await runBuiltCli(['--config', config, 'index', corpus, '--json'], {
      cwd,
      env: { JINA_API_KEY: simulator.apiKey },
    });
    expect(run.stderr).not.toContain('embedkit:');
    expect(run.code).toBe(0);
    expect(simulator.stats.requests).toBeGreaterThan(0);
    const search = await runBuiltCli(
      ['--config', config, 'search', 'glacier ice colour', '--json'],
      {
        cwd,
        env: { JINA_API_KEY: simulator.apiKey },
      },
    );
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).results).toHaveLength(5);

    const mismatched = writeConfig('mismatch.json', {
      embedding: {
        provider: 'jina',
        model: 'jina-embeddings-v3',
        dimensions: 256,
        baseURL: simulator.baseURL,
      },
      store: { kind: 'milvus-lite', path: 'data/milvus.db', collection: 'corpus' },
    });
    const refused = await runBuiltCli(['--config', mismatched, 'search', 'anything'], {
      cwd,
      env: { JINA_API_KEY: simulator.apiKey },
    });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('hashing');
    expect(refused.stderr).toContain('jina');
  });

  it('names the variable when the API key is missing, and never prints a key', async () => {
    const config = jinaConfig('needs_key');
    const run = await runBuiltCli(['--config', config, 'index', corpus], { cwd });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('JINA_API_KEY');
    const wrong = await runBuiltCli(['--config', config, 'search', 'x'], {
      cwd,
      env: { JINA_API_KEY: 'jina_wrongkeywrongkeywrongkeywrongkeywrongkeywrongkeywrongkey00' },
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr + wrong.stdout).not.toContain('wrongkeywrongkey');
  });

  it('names the address of an unreachable store and gives up in bounded time', async () => {
    const config = writeConfig('unreachable.json', {
      store: { kind: 'milvus', address: '127.0.0.1:9', collection: 'x' },
    });
    const started = Date.now();
    const run = await runBuiltCli(['--config', config, 'search', 'anything'], {
      cwd,
      timeoutMs: 90_000,
    });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('127.0.0.1:9');
    expect(Date.now() - started).toBeLessThan(90_000);
  });

  it('stops cleanly on Ctrl-C, keeps what was stored, and the next run embeds only the rest', async () => {
    const config = jinaConfig('interrupted');
    simulator.resetStats();
    const child = spawn(
      process.execPath,
      [cliPath, '--config', config, 'index', corpus, '--batch-size', '12'],
      {
        cwd,
        env: { ...cleanEnvironment(), JINA_API_KEY: simulator.apiKey },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (simulator.stats.requests < 4) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted');
    const partialTokens = simulator.stats.tokens;
    const info = JSON.parse(
      (await runBuiltCli(['--config', config, 'info', '--json'], { cwd })).stdout,
    );
    expect(info.count).toBeGreaterThan(0);

    simulator.resetStats();
    const resumed = await runBuiltCli(['--config', config, 'index', corpus, '--json'], {
      cwd,
      env: { JINA_API_KEY: simulator.apiKey },
    });
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.skipped).toBeGreaterThan(0);
    expect(summary.storedDocuments).toBe(summary.documents - summary.skipped);
    const full = JSON.parse(
      (await runBuiltCli(['--config', jinaConfig('corpus_jina'), 'info', '--json'], { cwd }))
        .stdout,
    );
    expect(summary.collectionCount).toBe(full.count);
    expect(simulator.stats.tokens).toBeGreaterThan(0);
    expect(partialTokens).toBeGreaterThan(0);
  });
});
