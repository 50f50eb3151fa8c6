import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MilvusLiteServer, startMilvusLite } from '@embedkit/milvus';
import { countTokens, type JinaSimulator, startJinaSimulator } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  campaignDocuments,
  documentOf,
  readCollection,
  readStoredTexts,
} from './campaign.test-helpers.js';
import { runCli, startCli, waitFor, writeCorpus } from './cli-process.test-helpers.js';

const documentCount = 300;
const batchSize = 10;

/**
 * Interrupts a CLI ingest the hard way (SIGKILL of the CLI; Milvus Lite stopped under it), then
 * re-runs it: every chunk ends up stored once, and the re-run embeds only what was not stored.
 */
describe('crash and resume of a CLI ingest', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedkit-crash-resume-'));
  const corpus = join(cwd, 'corpus');
  const texts = campaignDocuments(documentCount, 1, 31).map((chunks) => chunks[0]!);
  let simulator: JinaSimulator;

  const writeConfig = async (name: string, address: string, collection: string) => {
    const config = {
      embedding: {
        provider: 'jina',
        model: 'jina-embeddings-v3',
        dimensions: 64,
        baseURL: simulator.baseURL,
      },
      store: { kind: 'milvus', address, collection },
    };
    await writeFile(join(cwd, name), JSON.stringify(config));
    return name;
  };
  const indexArgs = (config: string) => [
    '--config',
    config,
    'index',
    corpus,
    '--batch-size',
    String(batchSize),
    '--json',
  ];
  const env = () => ({ JINA_API_KEY: simulator.apiKey });

  /** Documents whose chunk the simulator embedded since the last `resetStats()`. */
  const embeddedDocuments = () =>
    simulator
      .embeddingBodies()
      .flatMap((body) => (body.input as string[]).map(documentOf))
      .sort((left, right) => left - right);

  /** Re-runs the ingest and checks the resume: only the missing documents, each chunk once. */
  const resumeAndCheck = async (config: string, address: string, collection: string) => {
    const storedBefore = new Set((await readStoredTexts(address, collection)).map(documentOf));
    expect(storedBefore.size).toBeGreaterThan(0);
    expect(storedBefore.size).toBeLessThan(documentCount);
    simulator.resetStats();
    const resumed = await runCli(indexArgs(config), { cwd, env: env() });
    expect(resumed.stderr).not.toContain('embedkit:');
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.skipped).toBe(storedBefore.size);

    const remainder = texts.map((_, index) => index).filter((index) => !storedBefore.has(index));
    expect(embeddedDocuments()).toEqual(remainder);
    const remainderTokens = remainder.reduce((sum, index) => sum + countTokens(texts[index]!), 0);
    expect(simulator.stats.tokens).toBe(remainderTokens);

    const stored = await readCollection(address, collection);
    expect(stored.rows).toBe(documentCount);
    expect(stored.size).toBe(documentCount);
    const storedTexts = (await readStoredTexts(address, collection)).sort();
    expect(storedTexts).toEqual([...texts].sort());
  };

  beforeAll(async () => {
    writeCorpus(corpus, texts);
    simulator = await startJinaSimulator({ latency: { fixedMs: 40 } });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('SIGKILL mid-ingest: the re-run stores the rest, each chunk once, embedding only the remainder', async () => {
    const address = inject('milvusAddress');
    const collection = `crash_kill_${process.pid}`;
    const config = await writeConfig('kill.json', address, collection);
    const run = startCli(indexArgs(config), { cwd, env: env() });
    await waitFor(() => simulator.stats.requests >= 8);
    run.child.kill('SIGKILL');
    expect((await run.finished).signal).toBe('SIGKILL');
    await resumeAndCheck(config, address, collection);
  });

  describe('Milvus Lite stopped mid-ingest', () => {
    const dbPath = join(cwd, 'stopped', 'milvus.db');
    let lite: MilvusLiteServer | undefined;
    afterAll(async () => {
      await lite?.stop();
    });

    it('the CLI fails naming the store; after a restart the re-run completes the same way', async () => {
      lite = await startMilvusLite({ dbPath });
      const collection = 'crash_store';
      const config = await writeConfig('stopped.json', lite.address, collection);
      simulator.resetStats();
      const run = startCli(indexArgs(config), { cwd, env: env() });
      await waitFor(() => simulator.stats.requests >= 8);
      await lite.stop();
      const failed = await run.finished;
      expect(failed.signal).toBeNull();
      expect(failed.code).toBe(4);
      expect(failed.stderr).toContain('Could not upsert');
      expect(failed.stderr).toContain(lite.address);

      lite = await startMilvusLite({ dbPath });
      const restarted = await writeConfig('restarted.json', lite.address, collection);
      await resumeAndCheck(restarted, lite.address, collection);
    });
  });
});
