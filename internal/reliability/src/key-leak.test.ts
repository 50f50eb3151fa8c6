import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createMilvusStore } from '@embedkit/milvus';
import { startJinaSimulator } from '@embedkit/testing';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { describe, expect, inject, it } from 'vitest';
import { campaignJina } from './campaign.test-helpers.js';
import { runCli, writeCorpus } from './cli-process.test-helpers.js';
import { errorCases } from './error-cases.test-helpers.js';
import { runErrorCase } from './run-error-case.test-helpers.js';

/** A well-formed Jina key (`jina_` + 60 characters) that is easy to spot. */
const sentinel = `jina_${'SENTINELreliabilityKEY0123456789'.repeat(2).slice(0, 60)}`;
/** Any 16 characters of the key's secret part count as a leak, not only the whole key. */
const fragments = Array.from({ length: 45 }, (_, start) => sentinel.slice(5 + start, 21 + start));
const leaks = (text: string) => fragments.some((fragment) => text.includes(fragment));

/** Everything an error exposes: message, stack, own properties and the whole `cause` chain. */
function everythingIn(error: unknown, seen = new Set<unknown>()): string {
  if (error === undefined || error === null || seen.has(error)) return '';
  seen.add(error);
  if (!(error instanceof Error)) return inspect(error, { depth: 8 });
  const own = Object.getOwnPropertyNames(error).map((name) =>
    inspect((error as unknown as Record<string, unknown>)[name], { depth: 8 }),
  );
  return [error.message, error.stack ?? '', ...own, everythingIn(error.cause, seen)].join('\n');
}

/** Runs `action`, returning what it wrote to stdout and stderr (logs included). */
async function capturingOutput(action: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write.bind(stream));
  for (const stream of streams) {
    stream.write = ((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    }) as typeof stream.write;
  }
  try {
    await action();
  } finally {
    streams.forEach((stream, index) => {
      stream.write = originals[index]!;
    });
  }
  return written.join('');
}

describe('the API key never leaks', () => {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-key-leak-'));
  const milvusAddress = inject('milvusAddress');

  it('appears in no error, cause chain, stack, log line or toConfig() on any error path', async () => {
    const exposed: string[] = [];
    for (const errorCase of errorCases) {
      const output = await capturingOutput(async () => {
        const outcome = await runErrorCase(errorCase, {
          apiKey: sentinel,
          milvusAddress,
          directory,
        });
        exposed.push(everythingIn(outcome.error));
        for (const embedding of outcome.built) {
          exposed.push(JSON.stringify(embedding.toConfig()), JSON.stringify(embedding.space));
        }
      });
      exposed.push(output);
      const leaked = exposed.some(leaks);
      expect(leaked, `the key leaked in case "${errorCase.name}"`).toBe(false);
    }
  });

  it('appears nowhere in a Milvus collection built with it: schema, properties or rows', async () => {
    const simulator = await startJinaSimulator({ apiKeys: [sentinel] });
    const collection = `key_leak_${process.pid}`;
    const store = createMilvusStore({
      embedding: campaignJina(simulator.baseURL, sentinel),
      address: milvusAddress,
      collection,
    });
    const client = new MilvusClient({ address: milvusAddress });
    try {
      await store.addDocuments([{ id: 'a', text: 'a document', metadata: { source: 'a.md' } }]);
      const description = await client.describeCollection({ collection_name: collection });
      const rows = await client.query({
        collection_name: collection,
        filter: 'id != ""',
        output_fields: ['*'],
      });
      expect(rows.data).toHaveLength(1);
      expect(leaks(JSON.stringify(description))).toBe(false);
      expect(leaks(JSON.stringify(rows.data))).toBe(false);
      expect(leaks(JSON.stringify(await store.ensureCollection()))).toBe(false);
    } finally {
      await client.closeConnection();
      await store.close();
      await simulator.close();
    }
  });

  it('appears in no CLI output, even with stack traces on, whether the key is accepted or refused', async () => {
    const accepting = await startJinaSimulator({ apiKeys: [sentinel] });
    const refusing = await startJinaSimulator();
    const corpus = join(directory, 'corpus');
    writeCorpus(corpus, ['doc0 part0: honey bees dance.', 'doc1 part0: glaciers carve valleys.']);
    const config = async (name: string, baseURL: string, collection: string) => {
      await writeFile(
        join(directory, name),
        JSON.stringify({
          embedding: { provider: 'jina', dimensions: 64, baseURL },
          store: { kind: 'milvus', address: milvusAddress, collection },
        }),
      );
      return name;
    };
    try {
      const good = await config('good.json', accepting.baseURL, `key_leak_cli_${process.pid}`);
      const bad = await config('bad.json', refusing.baseURL, `key_leak_refused_${process.pid}`);
      const env = { JINA_API_KEY: sentinel, EMBEDKIT_DEBUG: '1' };
      const runs = [
        await runCli(['--config', good, 'index', corpus, '--json'], { cwd: directory, env }),
        await runCli(['--config', good, 'search', 'bees', '--json'], { cwd: directory, env }),
        await runCli(['--config', good, 'info', '--json'], { cwd: directory, env }),
        await runCli(['--config', good, 'config'], { cwd: directory, env }),
        await runCli(['--config', bad, 'index', corpus], { cwd: directory, env }),
        await runCli(['--config', bad, 'search', 'bees'], { cwd: directory, env }),
      ];
      expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0, 3, 3]);
      for (const run of runs) expect(leaks(run.stdout + run.stderr)).toBe(false);
    } finally {
      await accepting.close();
      await refusing.close();
    }
  });
});
